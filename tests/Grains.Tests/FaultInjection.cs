using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// Test-only faults: an incoming grain call filter that fails the next N calls of a chosen grain method, as a silo that
/// dies or a call that times out would. Counters are static: the TestingHost silos run in this process.
/// </summary>
public sealed class FaultInjection : IIncomingGrainCallFilter
{
    private static int _assignFaults;
    private static int _applyFaults;
    private static long _applyWindowTicks;
    private static long _applyWindowEndTicks;
    private static int _applyWindowFaults;

    /// <summary>Fails the next <paramref name="count"/> calls of <see cref="IAssignerGrain.Assign"/>.</summary>
    public static void FailAssign(int count) => Volatile.Write(ref _assignFaults, count);

    /// <summary>Fails the next <paramref name="count"/> calls of <see cref="IStudyGrain.ApplyAssignments"/> (the coordinator's deliveries).</summary>
    public static void FailApplyAssignments(int count) => Volatile.Write(ref _applyFaults, count);

    /// <summary>
    /// Fails every call of <see cref="IStudyGrain.ApplyAssignments"/> for <paramref name="window"/>, counted from the first
    /// such call, as a study whose silo stays unreachable would.
    /// </summary>
    public static void FailApplyAssignmentsFor(TimeSpan window)
    {
        Volatile.Write(ref _applyWindowFaults, 0);
        Volatile.Write(ref _applyWindowEndTicks, 0);
        Volatile.Write(ref _applyWindowTicks, window.Ticks);
    }

    /// <summary>Calls the window of <see cref="FailApplyAssignmentsFor"/> has failed.</summary>
    public static int WindowFaults => Volatile.Read(ref _applyWindowFaults);

    /// <summary>Faults not yet spent.</summary>
    public static (int Assign, int Apply) Remaining => (Volatile.Read(ref _assignFaults), Volatile.Read(ref _applyFaults));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name;
        if (method == nameof(IAssignerGrain.Assign) && context.InterfaceMethod?.DeclaringType == typeof(IAssignerGrain) && TakeOne(ref _assignFaults))
            throw new InvalidOperationException("injected fault: the assigner failed");
        if (method == nameof(IStudyGrain.ApplyAssignments) && context.InterfaceMethod?.DeclaringType == typeof(IStudyGrain)
            && (TakeOne(ref _applyFaults) || InWindow()))
            throw new InvalidOperationException("injected fault: the assignments were lost");
        return context.Invoke();
    }

    private static bool InWindow()
    {
        var window = Volatile.Read(ref _applyWindowTicks);
        if (window <= 0) return false;
        var now = DateTime.UtcNow.Ticks;
        Interlocked.CompareExchange(ref _applyWindowEndTicks, now + window, 0);
        if (now >= Volatile.Read(ref _applyWindowEndTicks)) return false;
        Interlocked.Increment(ref _applyWindowFaults);
        return true;
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left) return true;
        }
    }
}

/// <summary>The project's test silo with <see cref="FaultInjection"/> installed.</summary>
public sealed class FaultInjectingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        new TestSiloConfigurator().Configure(siloBuilder);
        // A delivery gives up after 2 s instead of 5 min, so a test sees the coordinator's later pass.
        siloBuilder.Services.PostConfigure<AnnotationOptions>(o => o.AssignmentDeliverySeconds = 2);
        siloBuilder.AddIncomingGrainCallFilter<FaultInjection>();
    }
}

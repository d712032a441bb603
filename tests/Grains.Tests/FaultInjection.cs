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

    /// <summary>Fails the next <paramref name="count"/> calls of <see cref="IAssignerGrain.Assign"/>.</summary>
    public static void FailAssign(int count) => Volatile.Write(ref _assignFaults, count);

    /// <summary>Fails the next <paramref name="count"/> calls of <see cref="IStudyGrain.ApplyAssignments"/> (the coordinator's deliveries).</summary>
    public static void FailApplyAssignments(int count) => Volatile.Write(ref _applyFaults, count);

    /// <summary>Faults not yet spent.</summary>
    public static (int Assign, int Apply) Remaining => (Volatile.Read(ref _assignFaults), Volatile.Read(ref _applyFaults));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name;
        if (method == nameof(IAssignerGrain.Assign) && context.InterfaceMethod?.DeclaringType == typeof(IAssignerGrain) && TakeOne(ref _assignFaults))
            throw new InvalidOperationException("injected fault: the assigner failed");
        if (method == nameof(IStudyGrain.ApplyAssignments) && context.InterfaceMethod?.DeclaringType == typeof(IStudyGrain) && TakeOne(ref _applyFaults))
            throw new InvalidOperationException("injected fault: the assignments were lost");
        return context.Invoke();
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
        siloBuilder.AddIncomingGrainCallFilter<FaultInjection>();
    }
}

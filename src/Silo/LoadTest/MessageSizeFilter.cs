using Orleans.Serialization;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Silo.LoadTest;

/// <summary>
/// Measures every grain call this silo receives (registered only under the load-test switch): each argument of the request
/// and the reply, serialised with the silo's <see cref="Serializer"/> into a counting stream, the largest kept in
/// <see cref="LoadTestCounters"/>. Calls between grains of one silo are not serialised by Orleans at all, so measuring here
/// is the only way to see them; the size is that of the arguments and reply, without Orleans' message headers. Only the
/// system's own grain interfaces are measured: Orleans' internal ones (the embedded memory storage grain, stream agents)
/// stand in for storage and queues, which the storage counters measure), except the one that pages
/// <see cref="IAsyncEnumerable{T}"/> grain methods, whose replies are the pages.
/// </summary>
public sealed class MessageSizeFilter(Serializer serializer, LoadTestCounters counters) : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!Measured(context.Request.GetInterfaceType()))
        {
            await context.Invoke();
            return;
        }
        var name = $"{context.InterfaceName}.{context.MethodName}";
        long request = 0;
        for (var i = 0; i < context.Request.GetArgumentCount(); i++) request += Size(context.Request.GetArgument(i));
        counters.Message(request, name + " request");
        await context.Invoke();
        counters.Message(Size(context.Result), name + " reply");
    }

    private static bool Measured(Type? type) =>
        type?.Namespace?.StartsWith("RadiologyNet.", StringComparison.Ordinal) == true || type?.Name.Contains("AsyncEnumerable", StringComparison.Ordinal) == true;

    private long Size(object? value)
    {
        if (value is null or CancellationToken) return 0;
        var stream = new CountingStream();
        serializer.Serialize(value, stream);
        return stream.Count;
    }
}

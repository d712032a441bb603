using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace RadiologyNet.Grains.Sources;

/// <summary>
/// Puts ingest events straight on the ingest stream's queues through the stream provider's queue adapter, as the
/// provider's own producer does. <see cref="IStreamProvider.GetStream{T}(StreamId)"/> is not used for this: Orleans keeps
/// every stream handle it ever gave out (one per study) for the life of the client or activation, so a long ingest, or
/// a reconciler that re-enqueues many studies, would grow with the number of studies.
/// </summary>
public sealed class IngestQueue
{
    private readonly IQueueAdapter _adapter;

    private IngestQueue(IQueueAdapter adapter) => _adapter = adapter;

    /// <summary>The ingest stream's queues, from the queue adapter factory of <see cref="StreamNames.Provider"/>.</summary>
    public static async Task<IngestQueue> OpenAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        new(await services.GetRequiredKeyedService<IQueueAdapterFactory>(StreamNames.Provider).CreateAdapter(cancellationToken));

    /// <summary>Puts one event on the stream of its study.</summary>
    public Task PublishAsync(InstanceArrived instance) =>
        _adapter.QueueMessageAsync(StreamId.Create(StreamNames.IngestNamespace, instance.StudyInstanceUid), instance, null, null!);
}

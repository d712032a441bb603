using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Silo;

/// <summary>The ingest backlog as Azure reports it: the sum of the approximate message counts of the ingest queues (invisible messages included).</summary>
public sealed class AzureQueueBacklog(StorageOptions storage) : IIngestBacklog
{
    /// <inheritdoc />
    public async Task<long> QueuedAsync(CancellationToken cancellationToken = default)
    {
        var service = storage.QueueService();
        var counts = await Task.WhenAll(storage.QueueNames().Select(async name =>
            (long)(await service.GetQueueClient(name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount));
        return counts.Sum();
    }
}

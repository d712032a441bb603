namespace RadiologyNet.Grains.Sources;

/// <summary>
/// Puts ingest events on the stream for those of a batch of instances that no shard has settled: one
/// <see cref="IEmbeddingShardGrain.Unsettled"/> call per shard the batch touches, then one event per unsettled instance.
/// The ingest client and the reconciler both enqueue this way, a batch (a few hundred instances) at a time.
/// </summary>
public static class UnsettledEnqueue
{
    /// <summary>Enqueues the unsettled instances of <paramref name="batch"/>; returns how many were enqueued.</summary>
    public static async Task<int> RunAsync(IGrainFactory grains, IngestQueue queue, string model, int shards, IReadOnlyList<InstanceArrived> batch)
    {
        var open = await Task.WhenAll(batch.GroupBy(i => ShardRouting.ShardOf(i.SopInstanceUid, shards)).Select(async group =>
        {
            var unsettled = (await grains.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, group.Key))
                .Unsettled(group.Select(i => i.SopInstanceUid).ToList())).ToHashSet(StringComparer.Ordinal);
            return group.Where(i => unsettled.Contains(i.SopInstanceUid)).ToList();
        }));
        var enqueued = 0;
        foreach (var instance in open.SelectMany(g => g))
        {
            await queue.PublishAsync(instance);
            enqueued++;
        }
        return enqueued;
    }
}

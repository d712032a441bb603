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
            var shard = grains.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, group.Key));
            var unsettled = (await AskWithRetry(shard, group.Select(i => i.SopInstanceUid).ToList())).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>How long a shard that cannot be reached (its silo just died, and the cluster has not yet declared it dead) is retried.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(3);

    private static async Task<IReadOnlyList<string>> AskWithRetry(IEmbeddingShardGrain shard, List<string> sopInstanceUids)
    {
        var giveUp = DateTime.UtcNow + RetryFor;
        var backoff = AssignmentDelivery.FirstBackoff;
        while (true)
        {
            try
            {
                return await shard.Unsettled(sopInstanceUids);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow + backoff < giveUp)
            {
                await Task.Delay(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, AssignmentDelivery.MaxBackoff.Ticks));
            }
        }
    }
}

using System.Runtime.CompilerServices;

namespace RadiologyNet.Grains;

/// <summary>Reads that follow a grain's page cursors to the end, one bounded reply at a time.</summary>
public static class PagedReads
{
    /// <summary>Every instance the shard holds, page by page (each exactly once, also while the shard grows).</summary>
    public static async IAsyncEnumerable<FeaturisedInstance> ReadAllAsync(this IEmbeddingShardGrain shard,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (ShardCursor? cursor = ShardCursor.Start; cursor is not null;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await shard.ReadPage(cursor);
            foreach (var instance in page.Instances) yield return instance;
            cursor = page.Next;
        }
    }

    /// <summary>Every quarantined instance of the model, page by page, shard after shard.</summary>
    public static async IAsyncEnumerable<QuarantinedInstance> ReadQuarantinedAsync(this ICoordinatorGrain coordinator,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (QuarantineCursor? cursor = QuarantineCursor.Start; cursor is not null;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await coordinator.GetQuarantined(cursor);
            foreach (var entry in page.Entries) yield return entry;
            cursor = page.Next;
        }
    }
}

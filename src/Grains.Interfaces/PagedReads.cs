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

    /// <summary>
    /// Every row's evaluation labels (<see cref="ICoordinatorGrain.ClusterEachSource"/>) of the model, read page by page and
    /// ordered by SOPInstanceUID (ordinal); only rows labelled by every one of <paramref name="sources"/> are kept.
    /// </summary>
    public static async Task<SourceClusterings> ReadSourceClusteringsAsync(this ICoordinatorGrain coordinator, IReadOnlyList<string> sources,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<(string Sop, string Modality, string Region, int[] Labels)>();
        for (LabelCursor? cursor = LabelCursor.Start; cursor is not null;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await coordinator.GetLabels(cursor);
            var columns = sources.Select(source => Array.IndexOf(page.Sources, source)).ToArray();
            foreach (var row in page.Rows)
            {
                var labels = columns.Select(c => c < 0 ? -1 : row.Labels[c]).ToArray();
                if (labels.All(l => l >= 0)) rows.Add((row.SopInstanceUid, row.Modality, row.Region, labels));
            }
            cursor = page.Next;
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Sop, b.Sop));
        return new SourceClusterings(rows.Select(r => r.Sop).ToArray(), rows.Select(r => r.Modality).ToArray(), rows.Select(r => r.Region).ToArray(),
            sources.Select((source, c) => (source, rows.Select(r => r.Labels[c]).ToArray())).ToDictionary(x => x.source, x => x.Item2));
    }
}

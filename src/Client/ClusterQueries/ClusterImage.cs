using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// One image as a running cluster knows it: its vector from its shard, its record from its study grain, and its distances
/// to the centres computed here. A quarantined image has no vector; its reason is found in its shard's quarantine list.
/// </summary>
public static class ClusterImage
{
    /// <summary>The image <paramref name="sop"/>; throws <see cref="ArgumentException"/> when the model has not settled it.</summary>
    public static async Task<InstanceResult> FindAsync(IClusterClient client, ClusterModel model, string sop)
    {
        if (string.IsNullOrEmpty(sop)) throw new ArgumentException("a SOPInstanceUID is needed");
        var shard = model.ShardOf(client, sop);
        if (await shard.Get(sop) is not { } stored)
        {
            var reason = await QuarantineReasonAsync(shard, ShardRouting.ShardOf(sop, model.Snapshot.Shards), sop)
                ?? throw new ArgumentException($"no image with SOPInstanceUID '{sop}' settled in model '{model.Name}' (not ingested, or not processed yet)");
            return new InstanceResult(sop, "", "", "", "quarantined", reason, null, null, null, null, "", "", "", FeatureSources.None, -1);
        }
        var record = (await client.GetGrain<IStudyGrain>(stored.StudyInstanceUid).GetInstances())
            .FirstOrDefault(r => string.Equals(r.SopInstanceUid, sop, StringComparison.Ordinal));
        var sources = FeatureSources.Image | FeatureSources.Metadata | (stored.HasReport ? FeatureSources.Report : FeatureSources.None);
        var image = new InstanceResult(sop, record?.SeriesInstanceUid ?? "", stored.StudyInstanceUid, record?.Source.Replace('\\', '/') ?? "",
            "pending", "featurised, waiting for a cluster", null, null, null, null, stored.Modality, stored.Region, stored.Manufacturer, sources, -1);
        if (record?.Status == InstanceStatus.Quarantined) return image with { Status = "quarantined", Reason = record.Reason ?? "" };
        if (record?.Status != InstanceStatus.Annotated) return image;
        image = image with { Status = "annotated", Reason = "", Cluster = record.Cluster, Distance = record.Distance };
        if (!model.HasCentres || stored.Fused.Length != model.Snapshot.Dimension || record.Cluster < 0 || record.Cluster >= model.Snapshot.Clusters) return image;
        var placement = model.Place(stored.Fused, record.Cluster);
        return image with
        {
            Distance = placement.Distance,
            RunnerUp = placement.RunnerUp >= 0 ? placement.RunnerUp : null,
            RunnerUpDistance = placement.RunnerUp >= 0 ? placement.RunnerUpDistance : null,
        };
    }

    /// <summary>
    /// The reason <paramref name="sop"/> is in its shard's quarantine list, or null. The list is read in ordinal order from just
    /// before <paramref name="sop"/> (its prefix without the last character), so only the page(s) around it are read.
    /// </summary>
    private static async Task<string?> QuarantineReasonAsync(IEmbeddingShardGrain shard, int shardIndex, string sop)
    {
        QuarantineCursor? cursor = new(shardIndex, sop[..^1]);
        while (cursor is not null)
        {
            var page = await shard.ReadQuarantined(cursor);
            foreach (var entry in page.Entries)
            {
                var order = string.CompareOrdinal(entry.SopInstanceUid, sop);
                if (order == 0) return entry.Reason;
                if (order > 0) return null;
            }
            cursor = page.Next;
        }
        return null;
    }
}

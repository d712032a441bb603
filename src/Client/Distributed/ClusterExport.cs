using RadiologyNet.Client.Annotation;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Distributed;

/// <summary>Every ingested instance (every instance blob in the container) with what the cluster knows of it.</summary>
/// <param name="Rows">One row per instance blob: annotated, quarantined, or pending (not settled yet).</param>
/// <param name="Ingested">Instance blobs in the container.</param>
public sealed record ClusterExport(IReadOnlyList<AnnotationRow> Rows, long Ingested)
{
    /// <summary>Rows annotated with a cluster.</summary>
    public long Annotated => Rows.LongCount(r => r.Status == "annotated");

    /// <summary>Rows quarantined with a reason.</summary>
    public long Quarantined => Rows.LongCount(r => r.Status == "quarantined");

    /// <summary>Rows not settled yet.</summary>
    public long Pending => Rows.LongCount(r => r.Status == "pending");

    /// <summary>Lists the container and asks each study grain for its instances.</summary>
    public static async Task<ClusterExport> CollectAsync(IClusterClient client, StorageOptions storage, CancellationToken cancellationToken)
    {
        var blobs = new List<InstanceArrived>();
        await foreach (var blob in storage.StudiesContainer().GetBlobsAsync(cancellationToken: cancellationToken))
            if (BlobNaming.TryParseInstance(blob.Name, out var instance)) blobs.Add(instance);

        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var study in blobs.Select(b => b.StudyInstanceUid).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in await client.GetGrain<IStudyGrain>(study).GetInstances())
                records[record.SopInstanceUid] = record;
        }

        var rows = blobs.Select(b => records.TryGetValue(b.SopInstanceUid, out var r)
            ? r.Status switch
            {
                InstanceStatus.Annotated => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, b.Source, r.Cluster, r.Distance, "annotated", ""),
                InstanceStatus.Quarantined => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, b.Source, null, null, "quarantined", r.Reason ?? ""),
                _ => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, b.Source, null, null, "pending", "featurised, waiting for a cluster"),
            }
            : new AnnotationRow(b.SopInstanceUid, b.SeriesInstanceUid, b.StudyInstanceUid, b.Source, null, null, "pending", "not processed yet")).ToList();
        return new ClusterExport(rows, blobs.Count);
    }
}

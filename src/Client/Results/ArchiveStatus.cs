using RadiologyNet.Grains;

namespace RadiologyNet.Client.Results;

/// <summary>
/// What <c>radnet status</c> shows: ingested, featurised, assigned and quarantined counts, throughput, the model
/// version and the last refinement. Featurised = vectors stored (assigned + waiting for a centre).
/// </summary>
public sealed record ArchiveStatus(string Phase, long Ingested, long Featurised, long Assigned, long Quarantined, long Duplicates, long Pending,
    double? ImagesPerSecond, int ModelVersion, int Clusters, string Metric, RefinementSummary? LastRefinement)
{
    /// <summary>The status of finished results (a folder written by annotate or demo).</summary>
    public static ArchiveStatus Of(ArchiveResults results)
    {
        var count = (string status) => results.Instances.LongCount(i => i.Status == status);
        var assigned = count("annotated");
        var elapsed = results.Model.ElapsedSeconds;
        return new ArchiveStatus("finished", results.Instances.Count, results.Instances.LongCount(i => i.VectorRow >= 0), assigned, count("quarantined"), 0,
            count("pending"), elapsed > 0 ? results.Instances.Count / elapsed : null, results.Model.Version, results.Model.Clusters, results.Model.Metric,
            results.Model.LastRefinement);
    }

    /// <summary>The status of a running model; <paramref name="ingested"/> is the number of instance blobs, <paramref name="rate"/> settled events per second.</summary>
    public static ArchiveStatus Of(ModelStatus status, ModelSnapshot model, RefinementResult? refinement, long ingested, double? rate) =>
        new(status.Phase, ingested, status.Annotated + status.Pending, status.Annotated, status.Quarantined, status.Duplicates,
            Math.Max(0, ingested - status.Annotated - status.Pending - status.Quarantined), rate, status.Version, status.Clusters,
            model.Metric == CentreMetric.Manhattan ? "manhattan" : "euclidean",
            refinement is null ? null : new RefinementSummary(refinement.Version, refinement.TotalDeviation, refinement.Seconds));
}

using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Annotation;

/// <summary>
/// Everything an annotation run produced: one row per accepted file, the model's clusters, the per-source labels,
/// timings, and the <see cref="ArchiveResults"/> the console queries and the review report read.
/// </summary>
public sealed record AnnotationResult(
    IReadOnlyList<AnnotationRow> Rows,
    IReadOnlyList<ClusterSummary> Clusters,
    SourceClusterings Sources,
    ModelStatus Status,
    int SkippedNonDicom,
    TimeSpan Elapsed,
    ArchiveResults Results)
{
    /// <summary>Accepted files per second over the whole run (scan, featurisation, clustering).</summary>
    public double ImagesPerSecond => Rows.Count / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>One line of annotations.csv.</summary>
public sealed record AnnotationRow(
    string SopInstanceUid, string SeriesInstanceUid, string StudyInstanceUid, string File,
    int? Cluster, float? Distance, string Status, string Reason);

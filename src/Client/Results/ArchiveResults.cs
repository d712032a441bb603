using RadiologyNet.Client.Evaluation;

namespace RadiologyNet.Client.Results;

/// <summary>
/// An annotated archive as the console commands and the review report read it. <c>annotate</c> and <c>demo</c>
/// write it into their output folder (<see cref="ResultsStore"/>); against a running cluster it is collected
/// from the grains. It holds no PHI: UIDs, file paths inside the archive, label tags and report terms only.
/// </summary>
/// <param name="Model">The model the labels come from.</param>
/// <param name="Instances">Every accepted or quarantined file, in archive path order.</param>
/// <param name="Clusters">Every cluster, by id.</param>
/// <param name="Vectors">Fused vectors of the annotated instances (<see cref="InstanceResult.VectorRow"/> indexes it) and the cluster centres.</param>
/// <param name="Quality">The quality table, when it was computed.</param>
public sealed record ArchiveResults(
    ResultsModel Model,
    IReadOnlyList<InstanceResult> Instances,
    IReadOnlyList<ClusterResult> Clusters,
    ResultVectors Vectors,
    QualityReport? Quality)
{
    /// <summary>The instance with this SOPInstanceUID, or null.</summary>
    public InstanceResult? FindInstance(string sopInstanceUid) =>
        Instances.FirstOrDefault(i => string.Equals(i.SopInstanceUid, sopInstanceUid, StringComparison.Ordinal));

    /// <summary>The cluster with this id, or null.</summary>
    public ClusterResult? FindCluster(int id) => Clusters.FirstOrDefault(c => c.Id == id);

    /// <summary>Annotated members of a cluster, nearest to its centre first.</summary>
    public IReadOnlyList<InstanceResult> MembersOf(int cluster) =>
        Instances.Where(i => i.Cluster == cluster).OrderBy(i => i.Distance).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();

    /// <summary>Absolute path of an instance's file, when the archive is on this machine.</summary>
    public string? LocalPath(InstanceResult instance) =>
        Model.ArchiveFolder is { } root ? Path.Combine(root, instance.File.Replace('/', Path.DirectorySeparatorChar)) : null;
}

namespace RadiologyNet.Client.Results;

/// <summary>What the model says about one file.</summary>
/// <param name="SopInstanceUid">SOPInstanceUID.</param>
/// <param name="SeriesInstanceUid">SeriesInstanceUID.</param>
/// <param name="StudyInstanceUid">StudyInstanceUID.</param>
/// <param name="File">Path inside the archive (or blob name), with forward slashes.</param>
/// <param name="Status"><c>annotated</c>, <c>quarantined</c> or <c>pending</c>.</param>
/// <param name="Reason">Quarantine reason, empty otherwise.</param>
/// <param name="Cluster">Assigned cluster, when annotated.</param>
/// <param name="Distance">Distance to the assigned cluster's centre.</param>
/// <param name="RunnerUp">The next nearest cluster.</param>
/// <param name="RunnerUpDistance">Distance to the runner-up's centre.</param>
/// <param name="Modality">Modality tag (evaluation label, not a feature).</param>
/// <param name="Region">Normalised anatomical region (evaluation label).</param>
/// <param name="Manufacturer">Equipment manufacturer tag, empty when absent.</param>
/// <param name="Sources">Which feature sources the fused vector was built from.</param>
/// <param name="VectorRow">Row in <see cref="ResultVectors.Fused"/>, or -1 without a vector.</param>
public sealed record InstanceResult(
    string SopInstanceUid, string SeriesInstanceUid, string StudyInstanceUid, string File,
    string Status, string Reason,
    int? Cluster, float? Distance, int? RunnerUp, float? RunnerUpDistance,
    string Modality, string Region, string Manufacturer, FeatureSources Sources, int VectorRow)
{
    /// <summary>How much nearer the assigned centre is than the runner-up's.</summary>
    public float? Margin => RunnerUpDistance - Distance;
}

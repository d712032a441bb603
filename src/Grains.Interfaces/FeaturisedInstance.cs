namespace RadiologyNet.Grains;

/// <summary>
/// A featurised instance on its way to the model: the fused vector (image | metadata | report slices) and
/// the label tags used for evaluation (Modality, normalised BodyPartExamined), the equipment manufacturer and
/// whether a report contributed (for provenance). No PHI travels here.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.FeaturisedInstance")]
public sealed record FeaturisedInstance(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] string StudyInstanceUid,
    [property: Id(2)] float[] Fused,
    [property: Id(3)] string Modality,
    [property: Id(4)] string Region,
    [property: Id(5)] string Manufacturer = "",
    [property: Id(6)] bool HasReport = false);

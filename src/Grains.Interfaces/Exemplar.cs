namespace RadiologyNet.Grains;

/// <summary>
/// One of the members nearest its cluster's centre, as the model-wide labelling pass of <see cref="ModelVersion"/> placed it:
/// what a cluster query shows of a member without reading its vector. No PHI.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.Exemplar")]
public sealed record Exemplar(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] string StudyInstanceUid,
    [property: Id(2)] int Cluster,
    [property: Id(3)] float Distance,
    [property: Id(4)] string Modality,
    [property: Id(5)] string Region,
    [property: Id(6)] string Manufacturer,
    [property: Id(7)] bool HasReport,
    [property: Id(8)] int ModelVersion);

/// <summary>A page of a shard's exemplars, whole clusters in id order; <see cref="NextCluster"/> is where the next page starts, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ExemplarPage")]
public sealed record ExemplarPage(
    [property: Id(0)] Exemplar[] Exemplars,
    [property: Id(1)] int? NextCluster);

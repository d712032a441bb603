namespace RadiologyNet.Grains;

/// <summary>The cluster an instance was assigned to, with its Euclidean distance to the centroid and the model version used.</summary>
[GenerateSerializer, Immutable, Alias("radnet.Assignment")]
public sealed record Assignment(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] int Cluster,
    [property: Id(2)] float Distance,
    [property: Id(3)] int ModelVersion);

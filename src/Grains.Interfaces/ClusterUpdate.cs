namespace RadiologyNet.Grains;

/// <summary>A batch of new members for one cluster: the sum of their vectors, their count and label tags.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ClusterUpdate")]
public sealed record ClusterUpdate(
    [property: Id(0)] double[] VectorSum,
    [property: Id(1)] long Count,
    [property: Id(2)] string[] Modalities,
    [property: Id(3)] string[] Regions);

namespace RadiologyNet.Grains;

/// <summary>A cluster's centroid version, member count and the label-tag histograms of its members.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ClusterSummary")]
public sealed record ClusterSummary(
    [property: Id(0)] int Cluster,
    [property: Id(1)] int Version,
    [property: Id(2)] long Members,
    [property: Id(3)] IReadOnlyDictionary<string, long> Modalities,
    [property: Id(4)] IReadOnlyDictionary<string, long> Regions);

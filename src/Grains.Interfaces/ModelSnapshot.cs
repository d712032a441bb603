namespace RadiologyNet.Grains;

/// <summary>The model's current centres and how to read them: what a client needs to place a vector itself.</summary>
/// <param name="Version">Centroid version.</param>
/// <param name="Clusters">k.</param>
/// <param name="Dimension">Fused vector length (0 before the bootstrap).</param>
/// <param name="Metric">The distance the labels use.</param>
/// <param name="Shards">Number of embedding shards of the model.</param>
/// <param name="Centres">k×d centres, row-major (empty before the bootstrap).</param>
[GenerateSerializer, Immutable, Alias("radnet.ModelSnapshot")]
public sealed record ModelSnapshot(
    [property: Id(0)] int Version,
    [property: Id(1)] int Clusters,
    [property: Id(2)] int Dimension,
    [property: Id(3)] CentreMetric Metric,
    [property: Id(4)] int Shards,
    [property: Id(5)] float[] Centres);

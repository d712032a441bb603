namespace RadiologyNet.Grains;

/// <summary>
/// What a shard pass places every stored vector on: <see cref="Clusters"/> centres (row-major, k×d, where d is the
/// fused length or <see cref="Slice"/>'s length) under <see cref="Metric"/>. O(k·d), whatever the shard holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.PassRequest")]
public sealed record PassRequest(
    [property: Id(0)] float[] Centres,
    [property: Id(1)] int Clusters,
    [property: Id(2)] CentreMetric Metric,
    [property: Id(3)] SourceSlice? Slice = null)
{
    /// <summary>Values per centre.</summary>
    public int Dimension => Clusters == 0 ? 0 : Centres.Length / Clusters;
}

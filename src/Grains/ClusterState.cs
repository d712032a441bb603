namespace RadiologyNet.Grains;

/// <summary>Persisted state of a cluster grain.</summary>
[GenerateSerializer, Alias("radnet.ClusterState")]
public sealed class ClusterState
{
    [Id(0)] public float[] Centroid { get; set; } = [];

    [Id(1)] public long Members { get; set; }

    [Id(2)] public int Version { get; set; }

    [Id(3)] public Dictionary<string, long> Modalities { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public Dictionary<string, long> Regions { get; set; } = new(StringComparer.Ordinal);
}

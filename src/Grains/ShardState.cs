namespace RadiologyNet.Grains;

/// <summary>Persisted state of an embedding shard: its vectors and its quarantined instances.</summary>
[GenerateSerializer, Alias("radnet.ShardState")]
public sealed class ShardState
{
    [Id(0)] public List<FeaturisedInstance> Instances { get; set; } = [];

    [Id(1)] public Dictionary<string, string> Quarantined { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long Duplicates { get; set; }
}

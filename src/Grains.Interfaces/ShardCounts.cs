namespace RadiologyNet.Grains;

/// <summary>What a shard holds: featurised vectors and quarantined instances (each SOPInstanceUID counted once), and how many repeat deliveries it recognised.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ShardCounts")]
public sealed record ShardCounts(
    [property: Id(0)] long Vectors,
    [property: Id(1)] long Quarantined,
    [property: Id(2)] long Duplicates);

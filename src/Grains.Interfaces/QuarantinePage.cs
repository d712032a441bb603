namespace RadiologyNet.Grains;

/// <summary>One page of quarantined instances, bounded in bytes by the shard, and where the next page starts (null at the end).</summary>
[GenerateSerializer, Immutable, Alias("radnet.QuarantinePage")]
public sealed record QuarantinePage(
    [property: Id(0)] QuarantinedInstance[] Entries,
    [property: Id(1)] QuarantineCursor? Next);

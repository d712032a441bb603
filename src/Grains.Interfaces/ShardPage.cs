namespace RadiologyNet.Grains;

/// <summary>One page of a shard's instances, bounded in bytes by the shard (a part of the messaging limit), and where the next page starts (null at the end).</summary>
[GenerateSerializer, Immutable, Alias("radnet.ShardPage")]
public sealed record ShardPage(
    [property: Id(0)] FeaturisedInstance[] Instances,
    [property: Id(1)] ShardCursor? Next);

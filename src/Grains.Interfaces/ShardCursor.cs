namespace RadiologyNet.Grains;

/// <summary>
/// Where a paged read of a shard's instances stands: the position in the order the shard first stored its instances
/// (sealed segments, then the tail). New instances only append to that order and a replaced instance keeps its place,
/// so a read that follows the cursors returns every instance present when it started exactly once, while the shard grows.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.ShardCursor")]
public sealed record ShardCursor([property: Id(0)] int Position)
{
    /// <summary>The beginning of a shard.</summary>
    public static ShardCursor Start { get; } = new(0);
}

namespace RadiologyNet.Grains;

/// <summary>
/// Where a paged read of the evaluation labels stands: the shard, and the position in that shard's row order
/// (see <see cref="ShardCursor"/>: rows only append, so every row present when the read started is read once).
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.LabelCursor")]
public sealed record LabelCursor(
    [property: Id(0)] int Shard,
    [property: Id(1)] int Position)
{
    /// <summary>The beginning of the first shard.</summary>
    public static LabelCursor Start { get; } = new(0, 0);
}

namespace RadiologyNet.Grains;

/// <summary>
/// One page of a shard's evaluation labels: per row its SOPInstanceUID, label tags and one label per entry of
/// <see cref="Sources"/> (−1 where that source has not labelled the row). Bounded in bytes like <see cref="ShardPage"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.LabelPage")]
public sealed record LabelPage(
    [property: Id(0)] string[] Sources,
    [property: Id(1)] LabelRow[] Rows,
    [property: Id(2)] LabelCursor? Next);

/// <summary>A row of a <see cref="LabelPage"/>.</summary>
[GenerateSerializer, Immutable, Alias("radnet.LabelRow")]
public sealed record LabelRow(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] string Modality,
    [property: Id(2)] string Region,
    [property: Id(3)] int[] Labels);

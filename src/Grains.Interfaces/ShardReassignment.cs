namespace RadiologyNet.Grains;

/// <summary>
/// A shard's reassignment pass: one assignment per held instance, with the instance's study and label tags (parallel
/// arrays), plus per-cluster totals — members, total deviation (sum of distances) and the vector sums (k×d).
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.ShardReassignment")]
public sealed record ShardReassignment(
    [property: Id(0)] Assignment[] Assignments,
    [property: Id(1)] string[] Studies,
    [property: Id(2)] string[] Modalities,
    [property: Id(3)] string[] Regions,
    [property: Id(4)] long[] Counts,
    [property: Id(5)] double[] Costs,
    [property: Id(6)] double[] Sums);

namespace RadiologyNet.Grains;

/// <summary>A shard's reassignment pass: one assignment per held instance, with the instance's study and label tags (parallel arrays).</summary>
[GenerateSerializer, Immutable, Alias("radnet.ShardReassignment")]
public sealed record ShardReassignment(
    [property: Id(0)] Assignment[] Assignments,
    [property: Id(1)] string[] Studies,
    [property: Id(2)] string[] Modalities,
    [property: Id(3)] string[] Regions);

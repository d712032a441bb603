namespace RadiologyNet.Grains;

/// <summary>
/// Instances one silo's assigner placed with its centroid snapshot, sent to the coordinator together. Each instance
/// carries the model version of the snapshot that placed it (0 and cluster −1: the model had not bootstrapped yet), so
/// the coordinator can tell current placements from ones a newer model version has overtaken, and the pass generation its
/// shard gave it when it was stored (<see cref="IEmbeddingShardGrain.Add"/>), so the coordinator skips an instance a later
/// model-wide pass already counted.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.AssignedBatch")]
public sealed record AssignedBatch(
    [property: Id(0)] FeaturisedInstance[] Instances,
    [property: Id(1)] int[] Clusters,
    [property: Id(2)] float[] Distances,
    [property: Id(3)] int[] Versions,
    [property: Id(4)] int[] Generations);

namespace RadiologyNet.Grains;

/// <summary>
/// A silo's assigner for one model (key: model name): a stateless worker with one activation per silo that places
/// featurised instances on the nearest centre of its own snapshot of all centroids and sends the placements to the
/// coordinator in batches. Every batch's answer carries the model as it then stands, so the snapshot follows both the
/// online updates and every new model version (bootstrap, reassignment, refinement).
/// </summary>
public interface IAssignerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the instances, each with the pass generation its shard gave it (<see cref="IEmbeddingShardGrain.Add"/>);
    /// returns their settled assignments, or none for those still waiting for the bootstrap or counted by a later pass.
    /// </summary>
    Task<IReadOnlyList<Assignment>> Assign(IReadOnlyList<FeaturisedInstance> instances, IReadOnlyList<int> generations);

    /// <summary>The length of the model's vectors as this silo's snapshot knows it, or 0 before the bootstrap; checked before a vector is stored.</summary>
    Task<int> Dimension();
}

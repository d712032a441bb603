namespace RadiologyNet.Grains;

/// <summary>
/// A fixed hash range of featurised instances of one model (key: <c>{model}/{shard}</c>), stored contiguously;
/// the unit of data-parallel work for bootstrap, reassignment and evaluation.
/// </summary>
public interface IEmbeddingShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces instances (by SOPInstanceUID).</summary>
    Task Add(IReadOnlyList<FeaturisedInstance> instances);

    /// <summary>All instances held.</summary>
    Task<IReadOnlyList<FeaturisedInstance>> GetAll();

    /// <summary>Assigns every held vector to its nearest centroid (k×d row-major) and returns the assignments.</summary>
    Task<ShardReassignment> Reassign(float[] centroids, int clusters, int version);
}

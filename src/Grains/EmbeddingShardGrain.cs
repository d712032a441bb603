using RadiologyNet.Clustering;

namespace RadiologyNet.Grains;

/// <summary>A hash range of a model's featurised instances, held contiguously for bulk passes.</summary>
public sealed class EmbeddingShardGrain : Grain, IEmbeddingShardGrain
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<FeaturisedInstance> _instances = [];

    /// <inheritdoc />
    public Task Add(IReadOnlyList<FeaturisedInstance> instances)
    {
        foreach (var instance in instances)
        {
            if (_index.TryGetValue(instance.SopInstanceUid, out var at))
            {
                _instances[at] = instance;
            }
            else
            {
                _index[instance.SopInstanceUid] = _instances.Count;
                _instances.Add(instance);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeaturisedInstance>> GetAll() => Task.FromResult<IReadOnlyList<FeaturisedInstance>>(_instances.ToArray());

    /// <inheritdoc />
    public Task<ShardReassignment> Reassign(float[] centroids, int clusters, int version)
    {
        if (_instances.Count == 0) return Task.FromResult(new ShardReassignment([], [], [], []));
        var d = _instances[0].Fused.Length;
        var data = new float[_instances.Count * d];
        for (var i = 0; i < _instances.Count; i++) _instances[i].Fused.CopyTo(data, i * d);
        var labels = new int[_instances.Count];
        var distances = new float[_instances.Count];
        NearestCentroid.Assign(data, _instances.Count, d, centroids, clusters, labels, distances);
        var result = new Assignment[_instances.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = new Assignment(_instances[i].SopInstanceUid, labels[i], MathF.Sqrt(distances[i]), version);
        return Task.FromResult(new ShardReassignment(result,
            _instances.Select(i => i.StudyInstanceUid).ToArray(),
            _instances.Select(i => i.Modality).ToArray(),
            _instances.Select(i => i.Region).ToArray()));
    }
}

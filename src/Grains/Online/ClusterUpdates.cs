namespace RadiologyNet.Grains.Online;

/// <summary>
/// Folds placed instances into one <see cref="ClusterUpdate"/> per cluster (the sum of the vectors in double precision,
/// their count and label tags), so a batch costs each cluster grain one call, whatever its size (MacQueen 1967, batched).
/// </summary>
public static class ClusterUpdates
{
    /// <summary>One update per cluster that received at least one of the instances; <paramref name="clusters"/>[i] is instance i's cluster.</summary>
    public static IReadOnlyDictionary<int, ClusterUpdate> Build(IReadOnlyList<FeaturisedInstance> instances, IReadOnlyList<int> clusters, int dimension)
    {
        if (instances.Count != clusters.Count) throw new ArgumentException($"{instances.Count} instances but {clusters.Count} clusters");
        var members = new SortedDictionary<int, List<FeaturisedInstance>>();
        for (var i = 0; i < instances.Count; i++)
        {
            if (instances[i].Fused.Length != dimension)
                throw new ArgumentException($"instance {i} has {instances[i].Fused.Length} dimensions, the model {dimension}");
            if (!members.TryGetValue(clusters[i], out var list)) members[clusters[i]] = list = [];
            list.Add(instances[i]);
        }
        var updates = new Dictionary<int, ClusterUpdate>();
        foreach (var (cluster, list) in members)
        {
            var sum = new double[dimension];
            foreach (var instance in list) Clustering.MacQueen.Accumulate(sum, instance.Fused);
            updates[cluster] = new ClusterUpdate(sum, list.Count, list.Select(i => i.Modality).ToArray(), list.Select(i => i.Region).ToArray());
        }
        return updates;
    }
}

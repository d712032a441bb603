using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// What the coordinator and the cluster grains know of a running model, O(k·d): the centres, each cluster's size and
/// modality and region histograms (kept incrementally by the cluster grains), and the last refinement.
/// </summary>
/// <param name="Name">Model (coordinator grain) name.</param>
/// <param name="Snapshot">Centres, metric, version and shard count.</param>
/// <param name="Summaries">One per cluster, by id.</param>
/// <param name="Refinement">The last k-medoids refinement pass, or null.</param>
public sealed record ClusterModel(string Name, ModelSnapshot Snapshot, IReadOnlyList<ClusterSummary> Summaries, RefinementResult? Refinement)
{
    /// <summary>Reads the model from its coordinator.</summary>
    public static async Task<ClusterModel> ReadAsync(IClusterClient client, string name)
    {
        var coordinator = client.GetGrain<ICoordinatorGrain>(name);
        var snapshot = await coordinator.GetModel();
        var summaries = await coordinator.GetClusters();
        return new ClusterModel(name, snapshot, summaries.OrderBy(s => s.Cluster).ToList(), await coordinator.GetLastRefinement());
    }

    /// <summary>True once the model has centres (after the bootstrap).</summary>
    public bool HasCentres => Snapshot.Dimension > 0 && Snapshot.Centres.Length == Snapshot.Clusters * Snapshot.Dimension;

    /// <summary>True when distances are Manhattan (after a k-medoids refinement), false for Euclidean.</summary>
    public bool Manhattan => Snapshot.Metric == CentreMetric.Manhattan;

    /// <summary>The centre of <paramref name="cluster"/>, as a new array (a grain call argument).</summary>
    public float[] Centre(int cluster) => Snapshot.Centres.AsSpan(cluster * Snapshot.Dimension, Snapshot.Dimension).ToArray();

    /// <summary>Where <paramref name="vector"/> lies among the centres, taking <paramref name="cluster"/> as its own.</summary>
    public InstancePlacement.Placement Place(ReadOnlySpan<float> vector, int cluster) =>
        InstancePlacement.Of(vector, Snapshot.Centres, Snapshot.Clusters, cluster, Manhattan);

    /// <summary>The model as the results records describe it (no archive folder: the files are blobs).</summary>
    public ResultsModel Results => new(Name, Snapshot.Version, Snapshot.Clusters, Manhattan ? "manhattan" : "euclidean", Snapshot.Dimension, null, 0,
        Refinement is null ? null : new RefinementSummary(Refinement.Version, Refinement.TotalDeviation, Refinement.Seconds));

    /// <summary>A shard grain of the model.</summary>
    public IEmbeddingShardGrain Shard(IClusterClient client, int shard) => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(Name, shard));

    /// <summary>The shard grain that holds <paramref name="sopInstanceUid"/>.</summary>
    public IEmbeddingShardGrain ShardOf(IClusterClient client, string sopInstanceUid) => Shard(client, ShardRouting.ShardOf(sopInstanceUid, Snapshot.Shards));
}

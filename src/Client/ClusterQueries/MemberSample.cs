using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// A bounded, deterministic sample of each cluster's members: the instances nearest its centre. Every shard returns its own
/// <c>m</c> nearest to the centre (<see cref="IEmbeddingShardGrain.Nearest"/>); the merge keeps the overall <c>m</c> nearest,
/// and of those the members, i.e. the ones whose nearest centre is this cluster's (checked here against the centres).
/// The sample holds at most k·m instances, and their vectors only when asked, whatever the archive's size.
/// </summary>
/// <param name="Members">Sampled members, cluster by cluster, each cluster's nearest its centre first; <see cref="InstanceResult.VectorRow"/> is the index in this list.</param>
/// <param name="Fused">The members' fused vectors, row-major in <see cref="Members"/> order, when kept; empty otherwise.</param>
/// <param name="PerCluster">m: the nearest instances looked at per cluster.</param>
public sealed record MemberSample(IReadOnlyList<InstanceResult> Members, float[] Fused, int PerCluster)
{
    /// <summary>Default m (the <c>--sample</c> option).</summary>
    public const int DefaultPerCluster = 200;

    private const int ClustersAtOnce = 4;

    /// <summary>The sampled members of <paramref name="cluster"/>, nearest its centre first.</summary>
    public IEnumerable<InstanceResult> Of(int cluster) => Members.Where(m => m.Cluster == cluster);

    /// <summary>Draws the sample of every cluster of <paramref name="model"/>; keeps the vectors when <paramref name="keepVectors"/>.</summary>
    public static async Task<MemberSample> DrawAsync(IClusterClient client, ClusterModel model, int perCluster, bool keepVectors, CancellationToken cancellationToken)
    {
        if (perCluster < 1) throw new ArgumentException("--sample must be at least 1");
        if (!model.HasCentres) return new MemberSample([], [], perCluster);
        var found = new IReadOnlyList<(InstanceResult Member, float[] Fused)>[model.Snapshot.Clusters];
        await Parallel.ForEachAsync(Enumerable.Range(0, model.Snapshot.Clusters),
            new ParallelOptions { MaxDegreeOfParallelism = ClustersAtOnce, CancellationToken = cancellationToken },
            async (cluster, _) =>
            {
                var members = await NearestMembersAsync(client, model, cluster, perCluster);
                found[cluster] = keepVectors ? members : members.Select(m => (m.Member, Array.Empty<float>())).ToList();
            });
        var members = new List<InstanceResult>();
        var fused = new List<float>();
        foreach (var (member, vector) in found.SelectMany(f => f))
        {
            members.Add(member with { VectorRow = members.Count });
            if (keepVectors) fused.AddRange(vector);
        }
        return new MemberSample(members, fused.ToArray(), perCluster);
    }

    /// <summary>The members of <paramref name="cluster"/> among the <paramref name="count"/> instances nearest its centre, nearest first.</summary>
    public static async Task<IReadOnlyList<(InstanceResult Member, float[] Fused)>> NearestMembersAsync(IClusterClient client, ClusterModel model, int cluster, int count)
    {
        var centre = model.Centre(cluster);
        var perShard = await Task.WhenAll(Enumerable.Range(0, model.Snapshot.Shards).Select(s => model.Shard(client, s).Nearest(centre, count, model.Snapshot.Metric)));
        var nearest = perShard.SelectMany(h => h).OrderBy(h => h.Distance).ThenBy(h => h.SopInstanceUid, StringComparer.Ordinal).Take(count).ToList();
        var stored = await Task.WhenAll(nearest.Select(h => model.ShardOf(client, h.SopInstanceUid).Get(h.SopInstanceUid)));
        var members = stored.OfType<FeaturisedInstance>().Where(i => i.Fused.Length == model.Snapshot.Dimension)
            .Select(i => (Instance: i, Placement: model.Place(i.Fused, cluster))).Where(p => p.Placement.Nearest == cluster)
            .OrderBy(p => p.Placement.Distance).ThenBy(p => p.Instance.SopInstanceUid, StringComparer.Ordinal).ToList();
        var records = (await Task.WhenAll(members.Select(m => m.Instance.StudyInstanceUid).Distinct(StringComparer.Ordinal)
                .Select(study => client.GetGrain<IStudyGrain>(study).GetInstances())))
            .SelectMany(r => r).ToDictionary(r => r.SopInstanceUid, StringComparer.Ordinal);
        return members.Select(m =>
        {
            var (i, p) = m;
            var record = records.GetValueOrDefault(i.SopInstanceUid);
            var sources = FeatureSources.Image | FeatureSources.Metadata | (i.HasReport ? FeatureSources.Report : FeatureSources.None);
            var member = new InstanceResult(i.SopInstanceUid, record?.SeriesInstanceUid ?? "", i.StudyInstanceUid, record?.Source.Replace('\\', '/') ?? "",
                "annotated", "", cluster, p.Distance, p.RunnerUp >= 0 ? p.RunnerUp : null, p.RunnerUp >= 0 ? p.RunnerUpDistance : null,
                i.Modality, i.Region, i.Manufacturer, sources, -1);
            return (member, i.Fused);
        }).ToList();
    }
}

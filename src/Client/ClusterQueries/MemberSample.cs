using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// A bounded, deterministic sample of each cluster's members: the instances nearest its centre, as the last model-wide
/// labelling pass placed them. Every shard keeps its <c>m</c> nearest per cluster from that pass
/// (<see cref="IEmbeddingShardGrain.Exemplars"/>); the merge keeps the overall <c>m</c> nearest, so no query scans a shard.
/// The sample holds at most k·m instances, and their vectors only when asked, whatever the archive's size. Members absorbed
/// online since the last pass are not in it, and the distances are to that pass's centres (no runner-up is known).
/// </summary>
/// <param name="Members">Sampled members, cluster by cluster, each cluster's nearest its centre first; <see cref="InstanceResult.VectorRow"/> is the index in this list.</param>
/// <param name="Fused">The members' fused vectors, row-major in <see cref="Members"/> order, when kept; empty otherwise.</param>
/// <param name="PerCluster">m: the nearest members looked at per cluster.</param>
public sealed record MemberSample(IReadOnlyList<InstanceResult> Members, float[] Fused, int PerCluster)
{
    /// <summary>Default m (the <c>--sample</c> option).</summary>
    public const int DefaultPerCluster = 200;

    private const int CallsAtOnce = 32;

    /// <summary>The sampled members of <paramref name="cluster"/>, nearest its centre first.</summary>
    public IEnumerable<InstanceResult> Of(int cluster) => Members.Where(m => m.Cluster == cluster);

    /// <summary>Draws the sample of every cluster of <paramref name="model"/>; keeps the vectors when <paramref name="keepVectors"/>.</summary>
    public static async Task<MemberSample> DrawAsync(IClusterClient client, ClusterModel model, int perCluster, bool keepVectors, CancellationToken cancellationToken)
    {
        if (perCluster < 1) throw new ArgumentException("--sample must be at least 1");
        if (!model.HasCentres) return new MemberSample([], [], perCluster);
        var k = model.Snapshot.Clusters;
        var perShard = await Task.WhenAll(Enumerable.Range(0, model.Snapshot.Shards).Select(s => ReadExemplarsAsync(model.Shard(client, s))));
        var chosen = perShard.SelectMany(e => e).Where(e => e.Cluster >= 0 && e.Cluster < k).GroupBy(e => e.Cluster).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderBy(e => e.Distance).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal).Take(perCluster)).ToList();

        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(chosen.Select(e => e.StudyInstanceUid).Distinct(StringComparer.Ordinal).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = cancellationToken }, async (study, _) =>
            {
                var found = await client.GetGrain<IStudyGrain>(study).GetInstances();
                lock (records) foreach (var r in found) records[r.SopInstanceUid] = r;
            });
        var vectors = new float[keepVectors ? chosen.Count * model.Snapshot.Dimension : 0];
        if (keepVectors)
            await Parallel.ForEachAsync(Enumerable.Range(0, chosen.Count), new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = cancellationToken },
                async (i, _) =>
                {
                    if (await model.ShardOf(client, chosen[i].SopInstanceUid).Get(chosen[i].SopInstanceUid) is { } stored && stored.Fused.Length == model.Snapshot.Dimension)
                        stored.Fused.CopyTo(vectors, i * model.Snapshot.Dimension);
                });

        var members = chosen.Select((e, i) =>
        {
            var record = records.GetValueOrDefault(e.SopInstanceUid);
            var sources = FeatureSources.Image | FeatureSources.Metadata | (e.HasReport ? FeatureSources.Report : FeatureSources.None);
            return new InstanceResult(e.SopInstanceUid, record?.SeriesInstanceUid ?? "", e.StudyInstanceUid, record?.Source.Replace('\\', '/') ?? "",
                "annotated", "", e.Cluster, e.Distance, null, null, e.Modality, e.Region, e.Manufacturer, sources, i);
        }).ToList();
        return new MemberSample(members, vectors, perCluster);
    }

    private static async Task<List<Exemplar>> ReadExemplarsAsync(IEmbeddingShardGrain shard)
    {
        var all = new List<Exemplar>();
        for (int? from = 0; from is { } cluster;)
        {
            var page = await shard.Exemplars(cluster);
            all.AddRange(page.Exemplars);
            from = page.NextCluster;
        }
        return all;
    }
}

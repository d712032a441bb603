using RadiologyNet.Client.Annotation;
using RadiologyNet.Clustering;
using RadiologyNet.Features.Text;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Results;

/// <summary>
/// Builds <see cref="ArchiveResults"/> from a running model (embedded or a cluster): the centres from the coordinator,
/// every fused vector from the shards, each instance's distance to its cluster and to the runner-up, each cluster's
/// representative, composition, distinctive report terms and auto-name.
/// </summary>
public static class ResultsCollector
{
    /// <summary>Report terms per cluster.</summary>
    public const int TermsPerCluster = 5;

    /// <summary>Collects the results.</summary>
    /// <param name="client">A client of the silo(s).</param>
    /// <param name="model">Model name.</param>
    /// <param name="rows">One row per file with its status and cluster, as the study grains know it.</param>
    /// <param name="archiveFolder">The archive folder on this machine, or null when the files are blobs.</param>
    /// <param name="reportText">The report text of a study, or null.</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    public static async Task<ArchiveResults> CollectAsync(IClusterClient client, string model, IReadOnlyList<AnnotationRow> rows, string? archiveFolder,
        Func<string, Task<string?>> reportText, CancellationToken cancellationToken)
    {
        var coordinator = client.GetGrain<ICoordinatorGrain>(model);
        var snapshot = await coordinator.GetModel();
        var refinement = await coordinator.GetLastRefinement();
        var shards = await Task.WhenAll(Enumerable.Range(0, snapshot.Shards)
            .Select(s => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, s)).GetAll()));
        var stored = shards.SelectMany(s => s).ToDictionary(v => v.SopInstanceUid, StringComparer.Ordinal);
        cancellationToken.ThrowIfCancellationRequested();

        var (k, d) = (snapshot.Clusters, snapshot.Dimension);
        var manhattan = snapshot.Metric == CentreMetric.Manhattan;
        var fused = new List<float>();
        var instances = new List<InstanceResult>(rows.Count);
        foreach (var row in rows)
        {
            var file = row.File.Replace('\\', '/');
            if (row.Cluster is not { } cluster || !stored.TryGetValue(row.SopInstanceUid, out var vector) || d == 0 || vector.Fused.Length != d)
            {
                var known = stored.GetValueOrDefault(row.SopInstanceUid);
                instances.Add(new InstanceResult(row.SopInstanceUid, row.SeriesInstanceUid, row.StudyInstanceUid, file, row.Status, row.Reason,
                    row.Cluster, row.Distance, null, null, known?.Modality ?? "", known?.Region ?? "", known?.Manufacturer ?? "", FeatureSources.None, -1));
                continue;
            }
            var two = manhattan ? TwoNearest.Manhattan(vector.Fused, snapshot.Centres, k) : TwoNearest.Euclidean(vector.Fused, snapshot.Centres, k);
            var (distance, runnerUp, runnerUpDistance) = two.Nearest == cluster
                ? (two.Distance, two.RunnerUp, two.RunnerUpDistance)
                : (Distance(vector.Fused, snapshot.Centres.AsSpan(cluster * d, d), manhattan), two.Nearest, two.Distance);
            var sources = FeatureSources.Image | FeatureSources.Metadata | (vector.HasReport ? FeatureSources.Report : FeatureSources.None);
            instances.Add(new InstanceResult(row.SopInstanceUid, row.SeriesInstanceUid, row.StudyInstanceUid, file, row.Status, row.Reason,
                cluster, distance, runnerUp >= 0 ? runnerUp : null, runnerUp >= 0 ? runnerUpDistance : null,
                vector.Modality, vector.Region, vector.Manufacturer, sources, fused.Count / d));
            fused.AddRange(vector.Fused);
        }

        var terms = await ClusterTerms(instances, reportText, cancellationToken);
        var clusters = Enumerable.Range(0, k).Select(j => Describe(j, instances, terms.GetValueOrDefault(j) ?? [])).ToList();
        var vectors = new ResultVectors(fused.ToArray(), d == 0 ? 0 : fused.Count / d, snapshot.Centres, d == 0 ? 0 : k, d);
        var summary = refinement is null ? null : new RefinementSummary(refinement.Version, refinement.TotalDeviation, refinement.Seconds);
        return new ArchiveResults(new ResultsModel(model, snapshot.Version, k, manhattan ? "manhattan" : "euclidean", d, archiveFolder, 0, summary),
            instances, clusters, vectors, null);
    }

    private static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, bool manhattan) =>
        manhattan ? Distances.Manhattan(a, b) : Distances.Euclidean(a, b);

    /// <summary>One document per (study, cluster): a study's report describes each of its clusters' members once.</summary>
    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> ClusterTerms(IReadOnlyList<InstanceResult> instances,
        Func<string, Task<string?>> reportText, CancellationToken cancellationToken)
    {
        var pairs = instances.Where(i => i.Cluster is not null && i.Sources.HasFlag(FeatureSources.Report))
            .Select(i => (Study: i.StudyInstanceUid, Cluster: i.Cluster!.Value)).Distinct().ToList();
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var study in pairs.Select(p => p.Study).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            texts[study] = await reportText(study);
        }
        return DistinctiveTerms.Top(pairs.Where(p => !string.IsNullOrWhiteSpace(texts[p.Study])).Select(p => (p.Cluster, texts[p.Study]!)), TermsPerCluster);
    }

    private static ClusterResult Describe(int cluster, IReadOnlyList<InstanceResult> instances, IReadOnlyList<string> terms)
    {
        var members = instances.Where(i => i.Cluster == cluster && i.VectorRow >= 0).ToList();
        var medoid = members.OrderBy(i => i.Distance).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).FirstOrDefault();
        var result = new ClusterResult(cluster, "", members.Count, medoid?.SopInstanceUid ?? "",
            Histogram(members, i => i.Modality), Histogram(members, i => i.Region), Histogram(members, i => i.Manufacturer), terms);
        return result with { Name = ClusterNaming.Name(result) };
    }

    private static IReadOnlyDictionary<string, int> Histogram(IEnumerable<InstanceResult> members, Func<InstanceResult, string> label) =>
        members.GroupBy(m => label(m).Length == 0 ? "UNKNOWN" : label(m), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

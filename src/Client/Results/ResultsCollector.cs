using RadiologyNet.Client.Annotation;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Results;

/// <summary>
/// Builds <see cref="ArchiveResults"/> from an embedded model at the end of <c>annotate</c>: the centres from the coordinator,
/// every fused vector from the shards (read in bounded pages), each instance's distance to its cluster and to the runner-up, each cluster's
/// representative, composition, distinctive report terms and auto-name. It holds every vector, so the query verbs never use
/// it against a running cluster (they read results through <see cref="ClusterQueries.ClusterQuerySession"/>).
/// </summary>
public static class ResultsCollector
{

    /// <summary>Collects the results.</summary>
    /// <param name="client">A client of the silo(s).</param>
    /// <param name="model">Model name.</param>
    /// <param name="rows">One row per file with its status and cluster, as the study grains know it.</param>
    /// <param name="archiveFolder">The archive folder on this machine, or null when the files are blobs.</param>
    /// <param name="reports">The report of a study, with who it is about (for the cluster terms).</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    public static async Task<ArchiveResults> CollectAsync(IClusterClient client, string model, IReadOnlyList<AnnotationRow> rows, string? archiveFolder,
        StudyReportReader reports, CancellationToken cancellationToken)
    {
        var coordinator = client.GetGrain<ICoordinatorGrain>(model);
        var snapshot = await coordinator.GetModel();
        var refinement = await coordinator.GetLastRefinement();
        var shards = await Task.WhenAll(Enumerable.Range(0, snapshot.Shards)
            .Select(s => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, s)).ReadAllAsync(cancellationToken).ToListAsync(cancellationToken).AsTask()));
        var stored = shards.SelectMany(s => s).ToDictionary(v => v.SopInstanceUid, StringComparer.Ordinal);

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
            var (_, distance, runnerUp, runnerUpDistance) = InstancePlacement.Of(vector.Fused, snapshot.Centres, k, cluster, manhattan);
            var sources = FeatureSources.Image | FeatureSources.Metadata | (vector.HasReport ? FeatureSources.Report : FeatureSources.None);
            instances.Add(new InstanceResult(row.SopInstanceUid, row.SeriesInstanceUid, row.StudyInstanceUid, file, row.Status, row.Reason,
                cluster, distance, runnerUp >= 0 ? runnerUp : null, runnerUp >= 0 ? runnerUpDistance : null,
                vector.Modality, vector.Region, vector.Manufacturer, sources, fused.Count / d));
            fused.AddRange(vector.Fused);
        }

        var clusters = await ClusterDescriptions.BuildAsync(instances, k, reports, cancellationToken);
        var vectors = new ResultVectors(fused.ToArray(), d == 0 ? 0 : fused.Count / d, snapshot.Centres, d == 0 ? 0 : k, d);
        var summary = refinement is null ? null : new RefinementSummary(refinement.Version, refinement.TotalDeviation, refinement.Seconds);
        return new ArchiveResults(new ResultsModel(model, snapshot.Version, k, manhattan ? "manhattan" : "euclidean", d, archiveFolder, 0, summary),
            instances, clusters, vectors, null);
    }
}

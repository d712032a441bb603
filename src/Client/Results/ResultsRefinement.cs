using RadiologyNet.Clustering;
using RadiologyNet.Grains.Refinement;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Results;

/// <summary>
/// A k-medoids refinement pass over a results folder, the same math as the coordinator's pass in a cluster
/// (<see cref="MedoidRefinement"/>: FasterPAM with Manhattan distance on a seeded sample, medoids matched to the previous
/// centres by the Hungarian method so ids keep their meaning), then every vector reassigned to its nearest medoid.
/// </summary>
public static class ResultsRefinement
{
    /// <summary>
    /// What the pass did: the refined results, the sample size and FasterPAM's cost on it, the Manhattan total deviation to
    /// the previous centres (before) and to the new medoids (after) over every vector, vectors that changed cluster, swaps.
    /// </summary>
    public sealed record Outcome(ArchiveResults Results, int SampleSize, double SampleCost, double PreviousCost, double TotalDeviation, int Changed, int Swaps, double Seconds);

    /// <summary>
    /// Refines <paramref name="results"/>; <paramref name="reportText"/> gives a study's report for the new cluster terms, whose
    /// patients are read from the archive folder of the results (no terms without one).
    /// </summary>
    public static async Task<Outcome> RefineAsync(ArchiveResults results, int sampleSize, int seed, Func<string, Task<string?>> reportText, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (v, k, d) = (results.Vectors, results.Model.Clusters, results.Vectors.Dimension);
        if (v.Rows < k) throw new ArgumentException($"{v.Rows} vectors cannot give {k} medoids");
        var rows = SampleRows(v.Rows, Math.Min(sampleSize, v.Rows), seed);
        var sample = new float[rows.Length * d];
        for (var i = 0; i < rows.Length; i++) v.Row(rows[i]).CopyTo(sample.AsSpan(i * d, d));
        var plan = MedoidRefinement.Plan(sample, rows.Length, d, k, seed, v.Clusters == k ? v.Centres : null);
        cancellationToken.ThrowIfCancellationRequested();

        double previousCost = 0, totalDeviation = 0;
        var changed = 0;
        var instances = results.Instances.Select(i =>
        {
            if (i.VectorRow < 0) return i;
            var point = v.Row(i.VectorRow);
            if (i.Cluster is { } old && v.Clusters == k) previousCost += Distances.Manhattan(point, v.Centre(old));
            var two = TwoNearest.Manhattan(point, plan.Medoids, k);
            totalDeviation += two.Distance;
            if (two.Nearest != i.Cluster) changed++;
            return i with
            {
                Cluster = two.Nearest, Distance = two.Distance,
                RunnerUp = two.RunnerUp >= 0 ? two.RunnerUp : null, RunnerUpDistance = two.RunnerUp >= 0 ? two.RunnerUpDistance : null,
            };
        }).ToList();

        var archive = results.Model.ArchiveFolder is { } folder ? new FolderArchiveSource(folder) : null;
        var clusters = await ClusterDescriptions.BuildAsync(instances, k, new StudyReportReader(reportText, archive), cancellationToken);
        var version = results.Model.Version + 1;
        var model = results.Model with
        {
            Version = version, Metric = "manhattan",
            LastRefinement = new RefinementSummary(version, totalDeviation, clock.Elapsed.TotalSeconds),
        };
        var refined = results with { Model = model, Instances = instances, Clusters = clusters, Vectors = v with { Centres = plan.Medoids, Clusters = k }, Quality = null };
        return new Outcome(refined, rows.Length, plan.SampleCost, previousCost, totalDeviation, changed, plan.Swaps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A seeded uniform sample of row indices without replacement (partial Fisher–Yates), in ascending order.</summary>
    private static int[] SampleRows(int n, int count, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count).Order().ToArray();
    }
}

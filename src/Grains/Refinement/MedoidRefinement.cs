using RadiologyNet.Clustering;
using RadiologyNet.Clustering.KMedoids;
using RadiologyNet.Clustering.Matching;

namespace RadiologyNet.Grains.Refinement;

/// <summary>The medoids a refinement pass found on its sample, ordered so that medoid j takes over cluster id j.</summary>
/// <param name="Medoids">k×d row-major medoid vectors.</param>
/// <param name="SampleCost">FasterPAM's total deviation on the sample.</param>
/// <param name="Swaps">FasterPAM swaps.</param>
public sealed record MedoidPlan(float[] Medoids, double SampleCost, int Swaps);

/// <summary>
/// The math of a refinement pass, apart from the grains: FasterPAM (Schubert &amp; Rousseeuw 2021) with Manhattan
/// distance on a sample, then the Hungarian method on the distances between previous centres and new medoids, so a
/// cluster id a radiologist has seen keeps meaning the same thing.
/// </summary>
public static class MedoidRefinement
{
    /// <summary>Runs FasterPAM on the n×d sample and orders the medoids to match <paramref name="previous"/> (k×d) when given.</summary>
    public static MedoidPlan Plan(float[] sample, int n, int d, int k, int seed, float[]? previous)
    {
        if (n < k) throw new ArgumentException($"a sample of {n} cannot give {k} medoids");
        var dissimilarity = DenseDissimilarity.FromVectors(sample, n, d, DissimilarityMetric.Manhattan);
        var result = FasterPam.Fit(dissimilarity, k, seed);
        var medoids = new float[k * d];
        for (var j = 0; j < k; j++) sample.AsSpan(result.Medoids[j] * d, d).CopyTo(medoids.AsSpan(j * d, d));
        if (previous is null || previous.Length != k * d) return new MedoidPlan(medoids, result.Cost, result.Swaps);

        var cost = new double[k * k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
                cost[i * k + j] = Distances.Manhattan(previous.AsSpan(i * d, d), medoids.AsSpan(j * d, d));
        var match = Hungarian.Solve(cost, k);
        var ordered = new float[k * d];
        for (var i = 0; i < k; i++) medoids.AsSpan(match[i] * d, d).CopyTo(ordered.AsSpan(i * d, d));
        return new MedoidPlan(ordered, result.Cost, result.Swaps);
    }

    /// <summary>Per-shard sample sizes proportional to the shards' vector counts (largest remainder), summing to min(total, size).</summary>
    public static int[] Allocate(IReadOnlyList<long> counts, int size)
    {
        var total = counts.Sum();
        var allocation = new int[counts.Count];
        if (total == 0) return allocation;
        var target = (int)Math.Min(total, size);
        var remainders = new double[counts.Count];
        for (var s = 0; s < counts.Count; s++)
        {
            var exact = (double)counts[s] * target / total;
            allocation[s] = (int)Math.Floor(exact);
            remainders[s] = exact - allocation[s];
        }
        var left = target - allocation.Sum();
        foreach (var s in Enumerable.Range(0, counts.Count).OrderByDescending(s => remainders[s]).ThenBy(s => s).Take(left)) allocation[s]++;
        return allocation;
    }
}

using System.Text.Json;
using RadiologyNet.Clustering;
using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>stream-quality FUSED.npy [--k 12] [--bootstrap 300] [--sample 400] [--replays 5] [--seed 42]</c>: the cluster
/// tier's streaming model against batch clustering on the same vectors. Each replay shuffles the rows, bootstraps
/// k-means++ and Lloyd on the first <c>bootstrap</c> rows, then assigns the rest one at a time to the nearest centroid
/// with MacQueen updates — the coordinator's online path — and scores the final centroids over all rows (the
/// reassignment pass). A refinement pass then runs FasterPAM (Manhattan) on a seeded sample of <c>sample</c> rows and
/// assigns every row to the sample's medoids, as the coordinator does across shards. Prints one JSON line with the
/// medians over replays: online inertia / batch k-means inertia (n_init 10), refined total deviation / FasterPAM on
/// all rows, and the k-means inertia of the refined partition (its own cluster means) / batch inertia.
/// </summary>
public static class StreamQualityHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 1);
        var x = Clustering.Npy.NpyReader.ReadMatrix(a.Positional[0], out var n, out var d);
        int k = a.Int("--k", 12), bootstrap = a.Int("--bootstrap", 300), sample = a.Int("--sample", 400), replays = a.Int("--replays", 5), seed = a.Int("--seed", 42);

        var batch = KMeans.Fit(x, n, d, k, seed, nInit: 10);
        var batchInertia = Inertia(x, n, d, batch.Centroids, k);
        var all = FasterPam.Fit(DenseDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Manhattan), k, seed);

        var online = new List<double>();
        var refinedDeviation = new List<double>();
        var refinedInertia = new List<double>();
        for (var r = 0; r < replays; r++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            new Random(seed + r).Shuffle(order);
            var shuffled = new float[n * d];
            for (var i = 0; i < n; i++) x.AsSpan(order[i] * d, d).CopyTo(shuffled.AsSpan(i * d, d));

            var centroids = KMeans.Fit(shuffled.AsSpan(0, bootstrap * d), bootstrap, d, k, seed + r).Centroids;
            var counts = new long[k];
            var labels = new int[bootstrap];
            NearestCentroid.Assign(shuffled.AsSpan(0, bootstrap * d), bootstrap, d, centroids, k, labels, new float[bootstrap]);
            foreach (var l in labels) counts[l]++;
            for (var i = bootstrap; i < n; i++)
            {
                var j = NearestCentroid.Nearest(shuffled.AsSpan(i * d, d), centroids, k, out _);
                MacQueen.Update(centroids.AsSpan(j * d, d), ref counts[j], shuffled.AsSpan(i * d, d));
            }
            online.Add(Inertia(x, n, d, centroids, k) / batchInertia);

            var pick = Enumerable.Range(0, n).ToArray();
            new Random(seed + 1000 + r).Shuffle(pick);
            var m = Math.Min(sample, n);
            var rows = new float[m * d];
            for (var i = 0; i < m; i++) x.AsSpan(pick[i] * d, d).CopyTo(rows.AsSpan(i * d, d));
            var fit = FasterPam.Fit(DenseDissimilarity.FromVectors(rows, m, d, DissimilarityMetric.Manhattan), k, seed + r);
            var medoids = new float[k * d];
            for (var j = 0; j < k; j++) rows.AsSpan(fit.Medoids[j] * d, d).CopyTo(medoids.AsSpan(j * d, d));
            var deviation = 0.0;
            var refinedLabels = new int[n];
            for (var i = 0; i < n; i++)
            {
                refinedLabels[i] = ManhattanNearest.Nearest(x.AsSpan(i * d, d), medoids, k, out var dist);
                deviation += dist;
            }
            refinedDeviation.Add(deviation / all.Cost);
            refinedInertia.Add(PartitionInertia(x, n, d, refinedLabels, k) / batchInertia);
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            n, d, k, bootstrap, sample, replays,
            batch_inertia = batchInertia,
            fasterpam_all_deviation = all.Cost,
            online_over_batch_inertia = Median(online),
            online_over_batch_inertia_max = online.Max(),
            refined_over_fasterpam_all_deviation = Median(refinedDeviation),
            refined_over_fasterpam_all_deviation_max = refinedDeviation.Max(),
            refined_partition_over_batch_inertia = Median(refinedInertia),
        }));
        return 0;
    }

    private static double Inertia(float[] x, int n, int d, float[] centroids, int k)
    {
        var labels = new int[n];
        var distances = new float[n];
        NearestCentroid.Assign(x, n, d, centroids, k, labels, distances);
        return distances.Sum(v => (double)v);
    }

    private static double PartitionInertia(float[] x, int n, int d, int[] labels, int k)
    {
        var sums = new double[k * d];
        var counts = new long[k];
        for (var i = 0; i < n; i++)
        {
            counts[labels[i]]++;
            MacQueen.Accumulate(sums.AsSpan(labels[i] * d, d), x.AsSpan(i * d, d));
        }
        var total = 0.0;
        for (var i = 0; i < n; i++)
            for (var t = 0; t < d; t++)
            {
                var diff = x[i * d + t] - sums[labels[i] * d + t] / counts[labels[i]];
                total += diff * diff;
            }
        return total;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

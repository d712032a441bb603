using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>Distance used by <see cref="Silhouette"/>.</summary>
public enum SilhouetteMetric
{
    /// <summary>√Σ(x − y)², by differences in float64.</summary>
    Euclidean,
    /// <summary>Σ|x − y| in float64 (scipy's cityblock).</summary>
    Manhattan,
}

/// <summary>
/// Silhouette coefficients: Rousseeuw (1987), "Silhouettes: a graphical aid to the interpretation and validation of
/// cluster analysis", J. Comput. Appl. Math. 20:53–65. scikit-learn 1.2.1's conventions
/// (<c>silhouette_samples</c>, <c>silhouette_score</c>): labels are arbitrary ints, 2 ≤ #labels ≤ n − 1;
/// a(i) = Σ_{j∈C} d(i, j) / (|C| − 1), b(i) = min over other clusters K of the mean distance to K,
/// s(i) = (b − a) / max(a, b); a singleton's s is 0 and 0/0 is 0; the score is the plain mean over all samples.
/// Distances are computed from the float32 data widened to float64, by differences (no ‖x‖² − 2x·y + ‖y‖²
/// expansion), so values agree with scikit-learn's to ~1e-15 except where its expansion is itself off (duplicates).
/// O(n² d): for large n use <see cref="SampledScore"/>.
/// </summary>
public static class Silhouette
{
    /// <summary>The silhouette of every sample.</summary>
    public static double[] Samples(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<int> labels,
        SilhouetteMetric metric = SilhouetteMetric.Euclidean, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        if (data.Length < (long)n * d) throw new ArgumentException($"data holds {data.Length} < n·d = {(long)n * d} values.", nameof(data));
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} samples.", nameof(labels));
        int[] codes = Encode(labels, out int clusters);
        if (clusters < 2 || clusters > n - 1)
            throw new ArgumentException($"Number of labels is {clusters}. Valid values are 2 to n_samples - 1 (inclusive) = {n - 1}.", nameof(labels));
        var x = new double[(long)n * d];
        for (long i = 0; i < x.Length; i++) x[i] = data[(int)i];
        var sizes = new int[clusters];
        foreach (int c in codes) sizes[c]++;
        var result = new double[n];
        void Sample(int i, double[] sums, double[] diff)
        {
            Array.Clear(sums);
            var xi = x.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                var xj = x.AsSpan(j * d, d);
                double dist;
                if (metric == SilhouetteMetric.Euclidean) dist = TensorPrimitives.Distance<double>(xi, xj);
                else
                {
                    TensorPrimitives.Subtract(xi, xj, diff);
                    dist = TensorPrimitives.SumOfMagnitudes<double>(diff);
                }
                sums[codes[j]] += dist;
            }
            int own = codes[i];
            if (sizes[own] == 1) { result[i] = 0; return; }
            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < clusters; c++) if (c != own) b = Math.Min(b, sums[c] / sizes[c]);
            double max = Math.Max(a, b);
            result[i] = max == 0 ? 0 : (b - a) / max;
        }
        if (parallelism == 1)
        {
            double[] sums = new double[clusters], diff = new double[d];
            for (int i = 0; i < n; i++) Sample(i, sums, diff);
        }
        else
        {
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                () => (new double[clusters], new double[d]),
                (i, _, s) => { Sample(i, s.Item1, s.Item2); return s; }, _ => { });
        }
        return result;
    }

    /// <summary>The mean silhouette over all samples (sklearn's <c>silhouette_score</c> without sampling).</summary>
    public static double Score(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<int> labels,
        SilhouetteMetric metric = SilhouetteMetric.Euclidean, int parallelism = 1)
    {
        double[] s = Samples(data, n, d, labels, metric, parallelism);
        double sum = 0;
        foreach (double v in s) sum += v;
        return sum / n;
    }

    /// <summary>
    /// The mean silhouette of a uniform random subset of <paramref name="sampleSize"/> samples, computed within the
    /// subset only (as sklearn's <c>silhouette_score(sample_size=…)</c>). Deterministic for a seed (our own RNG,
    /// so the subset differs from sklearn's for the same number).
    /// </summary>
    public static double SampledScore(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<int> labels, int sampleSize, int seed,
        SilhouetteMetric metric = SilhouetteMetric.Euclidean, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 2);
        if (sampleSize >= n) return Score(data, n, d, labels, metric, parallelism);
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} samples.", nameof(labels));
        var rng = new SeededRandom(seed);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = 0; i < sampleSize; i++)
        {
            int j = i + rng.NextInt(n - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var subset = new float[(long)sampleSize * d];
        var subLabels = new int[sampleSize];
        for (int i = 0; i < sampleSize; i++)
        {
            data.Slice(order[i] * d, d).CopyTo(subset.AsSpan(i * d, d));
            subLabels[i] = labels[order[i]];
        }
        return Score(subset, sampleSize, d, subLabels, metric, parallelism);
    }

    private static int[] Encode(ReadOnlySpan<int> labels, out int count)
    {
        var distinct = new SortedSet<int>();
        foreach (int l in labels) distinct.Add(l);
        var map = new Dictionary<int, int>();
        foreach (int l in distinct) map[l] = map.Count;
        count = map.Count;
        var codes = new int[labels.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = map[labels[i]];
        return codes;
    }
}

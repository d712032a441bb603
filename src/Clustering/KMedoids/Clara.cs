using System.Runtime.CompilerServices;

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// CLARA, Clustering LARge Applications: Kaufman &amp; Rousseeuw (1990), <i>Finding Groups in Data</i>, ch. 3,
/// with FasterPAM as the per-sample solver as Schubert &amp; Rousseeuw (2021) propose ("FasterCLARA").
/// Draws <c>samples</c> random subsets of <c>sampleSize</c> objects (each after the first includes the best
/// medoids so far, as in the original and R's <c>clara</c>), clusters each subset on a dense sample matrix with BUILD
/// then FasterPAM (or PAM's SWAP) — BUILD on every sample, as R's C code (<c>bswap2</c>) does — and keeps the medoids
/// with the lowest total deviation over all n objects. By default (<see cref="ClaraRefine.Best"/>) the winning medoids
/// are then improved by FasterPAM over all n objects with the winning sample's objects as the only swap candidates:
/// the same draws and sample budget, never a worse result than the classic algorithm on those draws.
/// Memory O(sampleSize² + n); dissimilarity lookups O(samples · (sampleSize² + n k)) plus O(sampleSize · n) per
/// refinement pass, so it pairs with <see cref="VectorDissimilarity"/> for large n. Deterministic for a seed.
/// </summary>
public static class Clara
{
    /// <summary>The default sample size of R's <c>clara</c>: 40 + 2k.</summary>
    public static int DefaultSampleSize(int k) => 40 + 2 * k;

    /// <summary>
    /// Runs CLARA. <paramref name="sampleSize"/> ≤ 0 means <see cref="DefaultSampleSize"/>; it is capped at n.
    /// <paramref name="start"/> chooses where each later sample's solver starts, <paramref name="usePam"/> PAM's SWAP
    /// instead of FasterPAM, <paramref name="refine"/> the full-data refinement.
    /// <see cref="KMedoidsResult.Iterations"/> is the number of samples clustered and
    /// <see cref="KMedoidsResult.Swaps"/> the swaps summed over them and the refinement.
    /// </summary>
    public static KMedoidsResult Fit<T>(in T diss, int k, int samples = 5, int sampleSize = 0, long seed = 0, int maxIterations = 100,
        ClaraStart start = ClaraStart.Build, bool usePam = false, ClaraRefine refine = ClaraRefine.Best)
        where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.ValidateK(n, k);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int m = Math.Min(n, sampleSize <= 0 ? DefaultSampleSize(k) : Math.Max(sampleSize, k));
        var rng = new SeededRandom(seed);
        int[]? bestMedoids = null, bestSample = null;
        double bestCost = double.PositiveInfinity;
        int totalSwaps = 0, runs = 0;
        var sub = new double[(long)m * m];
        for (int s = 0; s < samples; s++)
        {
            int[] idx = DrawSample(n, m, bestMedoids, rng);
            int[]? previous = bestMedoids;
            if (start != ClaraStart.BestSoFar || previous is null)
            {
                var medoids = SolveSample(diss, k, idx, null, sub, maxIterations, out int sampleSwaps, usePam);
                totalSwaps += sampleSwaps;
                if (refine == ClaraRefine.Every) medoids = Refine(diss, medoids, idx, maxIterations, ref totalSwaps);
                double cost = FullCost(diss, medoids);
                if (cost < bestCost) { bestCost = cost; bestMedoids = medoids; bestSample = idx; }
            }
            if (start != ClaraStart.Build && previous is not null)
            {
                var medoids = SolveSample(diss, k, idx, previous, sub, maxIterations, out int sampleSwaps, usePam);
                totalSwaps += sampleSwaps;
                double cost = FullCost(diss, medoids);
                if (cost < bestCost) { bestCost = cost; bestMedoids = medoids; bestSample = idx; }
            }
            runs++;
            if (m == n) break; // the "sample" is everything: more samples cannot differ
        }
        if (refine == ClaraRefine.Best) bestMedoids = Refine(diss, bestMedoids!, bestSample!, maxIterations, ref totalSwaps);
        return MedoidAssignment.ToResult(diss, bestMedoids!, runs, totalSwaps);
    }

    /// <summary>The total deviation over all n objects; for vectors under the three SIMD metrics, the blocked kernel.</summary>
    private static double FullCost<T>(in T diss, int[] medoids) where T : struct, IDissimilarity
    {
        if (typeof(T) == typeof(VectorDissimilarity))
        {
            var v = Unsafe.As<T, VectorDissimilarity>(ref Unsafe.AsRef(in diss));
            if (v.Metric is DissimilarityMetric.Euclidean or DissimilarityMetric.SquaredEuclidean or DissimilarityMetric.Manhattan)
                return PairwiseDistanceKernel.NearestCost(v.Data, v.Count, v.Dimension, v.Metric, medoids);
        }
        return MedoidAssignment.Cost(diss, medoids);
    }

    private static int[] Refine<T>(in T diss, int[] medoids, int[] sample, int maxIterations, ref int swaps) where T : struct, IDissimilarity
    {
        var fit = FasterPam.Fit(diss, medoids, sample, maxIterations);
        swaps += fit.Swaps;
        return fit.Medoids;
    }

    /// <summary>
    /// One CLARA step on a given sample: BUILD + FasterPAM (or, with <paramref name="usePam"/>, BUILD + PAM's
    /// SWAP as R's <c>clara(pamLike = TRUE)</c>) on the sample's dissimilarities, then the assignment of all n
    /// objects to the sample medoids (object indices) and the full total deviation.
    /// </summary>
    public static KMedoidsResult FitOnSample<T>(in T diss, int k, ReadOnlySpan<int> sample, bool usePam = false, int maxIterations = 100) where T : struct, IDissimilarity
    {
        MedoidAssignment.Validate(diss.Count, sample, nameof(sample));
        MedoidAssignment.ValidateK(sample.Length, k);
        var idx = sample.ToArray();
        Array.Sort(idx);
        var sub = new double[(long)idx.Length * idx.Length];
        if (!usePam)
        {
            var medoids = SolveSample(diss, k, idx, null, sub, maxIterations, out int swaps);
            return MedoidAssignment.ToResult(diss, medoids, 1, swaps);
        }
        var sampleMatrix = FillSample(diss, idx, sub);
        var fit = Pam.Fit(sampleMatrix, k, maxIterations);
        return MedoidAssignment.ToResult(diss, fit.Medoids.Select(j => idx[j]).ToArray(), fit.Iterations, fit.Swaps);
    }

    private static int[] SolveSample<T>(in T diss, int k, int[] idx, int[]? bestMedoids, double[] sub, int maxIterations, out int swaps, bool usePam = false)
        where T : struct, IDissimilarity
    {
        var sample = FillSample(diss, idx, sub);
        var start = Start(sample, k, idx, bestMedoids);
        var fit = usePam ? Pam.Fit(sample, start, maxIterations) : FasterPam.Fit(sample, start, maxIterations);
        swaps = fit.Swaps;
        var medoids = new int[k];
        for (int j = 0; j < k; j++) medoids[j] = idx[fit.Medoids[j]];
        return medoids;
    }

    private static DenseDissimilarity FillSample<T>(in T diss, int[] idx, double[] sub) where T : struct, IDissimilarity
    {
        int m = idx.Length;
        for (int a = 0; a < m; a++)
            for (int b = 0; b < a; b++)
            {
                double v = diss[idx[a], idx[b]];
                sub[a * m + b] = v;
                sub[b * m + a] = v;
            }
        return new DenseDissimilarity(sub, m);
    }

    /// <summary>BUILD on the first sample; afterwards the best medoids so far (which every later sample contains).</summary>
    private static int[] Start(in DenseDissimilarity sample, int k, int[] idx, int[]? best)
    {
        if (best is null) return PamBuild.Select(sample, k);
        var start = new int[k];
        for (int j = 0; j < k; j++) start[j] = Array.BinarySearch(idx, best[j]);
        return start;
    }

    /// <summary>m distinct indices, ascending, containing <paramref name="keep"/> when given.</summary>
    private static int[] DrawSample(int n, int m, int[]? keep, SeededRandom rng)
    {
        var chosen = new HashSet<int>(keep ?? []);
        if (chosen.Count < m)
        {
            // a random permutation prefix, skipping the kept medoids
            foreach (int c in RandomMedoids.Sample(n, Math.Min(n, m + chosen.Count), rng))
            {
                chosen.Add(c);
                if (chosen.Count == m) break;
            }
        }
        var idx = chosen.ToArray();
        Array.Sort(idx);
        return idx;
    }
}

/// <summary>Where CLARA's solver starts on each sample after the first.</summary>
public enum ClaraStart
{
    /// <summary>BUILD on every sample, as R's <c>clara</c> (its <c>bswap2</c>) does.</summary>
    Build,

    /// <summary>From the best medoids so far (every later sample contains them).</summary>
    BestSoFar,

    /// <summary>Both, keeping the better full cost (twice the solver and assignment work per sample).</summary>
    Both,
}

/// <summary>Whether CLARA refines sample medoids against the full data, with swap candidates still drawn from the sample only.</summary>
public enum ClaraRefine
{
    /// <summary>No: the classic algorithm (Kaufman &amp; Rousseeuw; R's <c>clara</c>).</summary>
    None,

    /// <summary>
    /// The winning sample's medoids are improved by FasterPAM over all n objects with that sample's m objects as the
    /// only swap candidates (m·n extra distances per pass): never worse than <see cref="None"/> on the same draws.
    /// </summary>
    Best,

    /// <summary>Every sample's medoids are refined that way before the samples are compared (about m/k times the assignment work).</summary>
    Every,
}

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// CLARA, Clustering LARge Applications: Kaufman &amp; Rousseeuw (1990), <i>Finding Groups in Data</i>, ch. 3,
/// with FasterPAM as the per-sample solver as Schubert &amp; Rousseeuw (2021) propose ("FasterCLARA").
/// Draws <c>samples</c> random subsets of <c>sampleSize</c> objects (each after the first includes the best
/// medoids so far, as in the original), clusters each subset with FasterPAM on a dense sample matrix (from
/// BUILD on the first sample, from the best medoids so far on the later ones),
/// and keeps the medoids with the lowest total deviation over all n objects. Memory O(sampleSize² + n);
/// dissimilarity lookups O(samples · (sampleSize² + n k)), so it pairs with <see cref="VectorDissimilarity"/>
/// for large n. Deterministic for a seed.
/// </summary>
public static class Clara
{
    /// <summary>The default sample size of R's <c>clara</c>: 40 + 2k.</summary>
    public static int DefaultSampleSize(int k) => 40 + 2 * k;

    /// <summary>
    /// Runs CLARA. <paramref name="sampleSize"/> ≤ 0 means <see cref="DefaultSampleSize"/>; it is capped at n.
    /// <see cref="KMedoidsResult.Iterations"/> is the number of samples clustered and
    /// <see cref="KMedoidsResult.Swaps"/> the FasterPAM swaps summed over them.
    /// </summary>
    public static KMedoidsResult Fit<T>(in T diss, int k, int samples = 5, int sampleSize = 0, long seed = 0, int maxIterations = 100)
        where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.ValidateK(n, k);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int m = Math.Min(n, sampleSize <= 0 ? DefaultSampleSize(k) : Math.Max(sampleSize, k));
        var rng = new SeededRandom(seed);
        int[]? bestMedoids = null;
        double bestCost = double.PositiveInfinity;
        int totalSwaps = 0, runs = 0;
        var sub = new double[(long)m * m];
        for (int s = 0; s < samples; s++)
        {
            int[] idx = DrawSample(n, m, bestMedoids, rng);
            var medoids = SolveSample(diss, k, idx, bestMedoids, sub, maxIterations, out int sampleSwaps);
            totalSwaps += sampleSwaps;
            runs++;
            double cost = MedoidAssignment.Cost(diss, medoids);
            if (cost < bestCost) { bestCost = cost; bestMedoids = medoids; }
            if (m == n) break; // the "sample" is everything: more samples cannot differ
        }
        return MedoidAssignment.ToResult(diss, bestMedoids!, runs, totalSwaps);
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

    private static int[] SolveSample<T>(in T diss, int k, int[] idx, int[]? bestMedoids, double[] sub, int maxIterations, out int swaps)
        where T : struct, IDissimilarity
    {
        var sample = FillSample(diss, idx, sub);
        var fit = FasterPam.Fit(sample, Start(sample, k, idx, bestMedoids), maxIterations);
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

namespace RadiologyNet.Clustering;

/// <summary>
/// k-means as scikit-learn's <c>KMeans(init="k-means++", algorithm="lloyd", tol=1e-4)</c>: <c>nInit</c>
/// runs of greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007) followed by Lloyd iterations (Lloyd 1982), and
/// the run with the lowest inertia wins (the earliest on ties). The per-run seeds are drawn from one stream seeded by
/// <c>seed</c>, so the whole fit is deterministic.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(ReadOnlySpan<float> data, int n, int d, int k, int seed, int maxIterations = 300, int nInit = 1)
        => Fit(data, n, d, k, seed, maxIterations, nInit, tolerance: 1e-4);

    /// <summary>As the other overload, with sklearn's relative <paramref name="tolerance"/> made explicit.</summary>
    public static KMeansResult Fit(ReadOnlySpan<float> data, int n, int d, int k, int seed, int maxIterations, int nInit, double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nInit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (n < k) throw new ArgumentException($"k-means needs at least k = {k} points, got n = {n}.", nameof(n));
        NearestCentroid.Validate(data, n, d, data, k);
        var prepared = new LloydData(data, n, d);
        var seeds = new SeededRandom(seed);
        KMeansResult? best = null;
        for (int r = 0; r < nInit; r++)
        {
            int runSeed = (int)(seeds.NextUInt64() >> 33);
            float[] init = KMeansPlusPlus.Initialize(data, n, d, k, runSeed);
            var result = Lloyd.Run(prepared, init, k, maxIterations, tolerance);
            if (best is null || result.Inertia < best.Inertia) best = result;
        }
        return best!;
    }
}

namespace RadiologyNet.Clustering;

/// <summary>
/// Mini-batch k-means: Sculley (2010), "Web-scale k-means clustering", WWW, 1177–1178 (Algorithm 1). Each
/// iteration draws a batch of b points uniformly with replacement, caches each one's nearest centre (under the
/// centres at the start of the batch), then takes per-point gradient steps c ← (1 − η)c + ηx (computed as c + η(x − c)) with the per-centre
/// learning rate η = 1 / v[c], v[c] counting every point the centre has absorbed so far. Centres are kept in
/// float64. After the last batch every point is assigned to its nearest centre and the inertia is computed in
/// float64. Deterministic for a seed.
/// </summary>
public static class MiniBatchKMeans
{
    /// <summary>Runs mini-batch k-means from <paramref name="initialCentroids"/> (k × d).</summary>
    /// <param name="data">n × d points.</param>
    /// <param name="n">Number of points.</param>
    /// <param name="d">Dimension.</param>
    /// <param name="initialCentroids">k × d starting centres.</param>
    /// <param name="k">Number of centres.</param>
    /// <param name="seed">Seed of the batch sampling.</param>
    /// <param name="batchSize">b, points per batch.</param>
    /// <param name="maxIterations">Number of batches t.</param>
    /// <param name="tolerance">Stop early when no centre moved more than this (squared Euclidean) in a batch; 0: never.</param>
    /// <param name="parallelism">Threads for the final assignment pass.</param>
    public static KMeansResult Fit(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<float> initialCentroids, int k, int seed,
        int batchSize = 1024, int maxIterations = 100, double tolerance = 0, int parallelism = 1)
    {
        NearestCentroid.Validate(data, n, d, initialCentroids, k);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var rng = new SeededRandom(seed);
        var centers = new double[k * d];
        for (int i = 0; i < k * d; i++) centers[i] = initialCentroids[i];
        var previous = new double[k * d];
        var counts = new long[k];
        var batch = new int[batchSize];
        var nearest = new int[batchSize];
        int iterations = 0;
        bool converged = false;
        for (int t = 0; t < maxIterations; t++)
        {
            iterations++;
            for (int b = 0; b < batchSize; b++) batch[b] = rng.NextInt(n);
            for (int b = 0; b < batchSize; b++) nearest[b] = NearestDouble(data.Slice(batch[b] * d, d), centers, k);
            if (tolerance > 0) Array.Copy(centers, previous, centers.Length);
            for (int b = 0; b < batchSize; b++)
            {
                int c = nearest[b];
                counts[c]++;
                double eta = 1.0 / counts[c];
                var x = data.Slice(batch[b] * d, d);
                for (int f = 0; f < d; f++) centers[c * d + f] += eta * (x[f] - centers[c * d + f]);
            }
            if (tolerance > 0)
            {
                double maxShift = 0;
                for (int j = 0; j < k; j++)
                {
                    double s = 0;
                    for (int f = 0; f < d; f++) { double diff = centers[j * d + f] - previous[j * d + f]; s += diff * diff; }
                    maxShift = Math.Max(maxShift, s);
                }
                if (maxShift <= tolerance) { converged = true; break; }
            }
        }
        var outFloat = new float[k * d];
        for (int i = 0; i < outFloat.Length; i++) outFloat[i] = (float)centers[i];
        var labels = new int[n];
        var sq = new float[n];
        NearestCentroid.Assign(data, n, d, outFloat, k, labels, sq, parallelism);
        double inertia = 0;
        for (int p = 0; p < n; p++)
        {
            double s = 0;
            for (int f = 0; f < d; f++) { double diff = data[p * d + f] - centers[labels[p] * d + f]; s += diff * diff; }
            inertia += s;
        }
        return new KMeansResult(outFloat, labels, inertia, iterations) { CentroidsDouble = centers, Converged = converged };
    }

    /// <summary>Nearest centre by direct float64 differences, lowest index on ties.</summary>
    internal static int NearestDouble(ReadOnlySpan<float> x, ReadOnlySpan<double> centers, int k)
    {
        int d = x.Length, best = 0;
        double bestDist = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            var c = centers.Slice(j * d, d);
            double s = 0;
            for (int f = 0; f < d; f++) { double diff = x[f] - c[f]; s += diff * diff; }
            if (s < bestDist) { bestDist = s; best = j; }
        }
        return best;
    }
}

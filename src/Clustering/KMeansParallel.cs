namespace RadiologyNet.Clustering;

/// <summary>
/// k-means|| ("scalable k-means++") seeding: Bahmani, Moseley, Vattani, Kumar &amp; Vassilvitskii (2012),
/// "Scalable K-Means++", PVLDB 5(7):622–633. Instead of k sequential passes over the data it makes a few
/// (<c>rounds</c>) passes, each sampling every point independently with probability min(1, ℓ·D²(x)/φ), where φ is
/// the current cost and ℓ the oversampling factor (default 2k, as the paper's experiments); the candidates are
/// weighted by how many points are nearest to them and reduced to k centres by weighted greedy k-means++ followed by
/// weighted Lloyd iterations on the candidates (as Spark MLlib's <c>initKMeansParallel</c> does with its local
/// k-means++). Deterministic for a seed; the passes over the data use <see cref="NearestCentroid.Assign"/>.
/// </summary>
public static class KMeansParallel
{
    /// <summary>The k initial centroids (k × d, row-major).</summary>
    /// <param name="data">n × d points.</param>
    /// <param name="n">Number of points (≥ k).</param>
    /// <param name="d">Dimension.</param>
    /// <param name="k">Number of centres.</param>
    /// <param name="seed">Seed of the sampling.</param>
    /// <param name="rounds">Sampling passes (the paper finds 5 enough; Spark defaults to 2).</param>
    /// <param name="oversampling">ℓ, expected candidates per round; 0 means 2k.</param>
    /// <param name="parallelism">Threads for the assignment passes.</param>
    public static float[] Initialize(ReadOnlySpan<float> data, int n, int d, int k, int seed, int rounds = 5, double oversampling = 0, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(oversampling);
        if (n < k) throw new ArgumentException($"k-means|| needs at least k = {k} points, got n = {n}.", nameof(n));
        NearestCentroid.Validate(data, n, d, data, k);
        double ell = oversampling > 0 ? oversampling : 2.0 * k;
        var rng = new SeededRandom(seed);

        var chosen = new List<int> { rng.NextInt(n) };
        var isChosen = new bool[n];
        isChosen[chosen[0]] = true;
        var cost = new float[n];
        var labels = new int[n];
        NearestCentroid.Assign(data, n, d, data.Slice(chosen[0] * d, d), 1, labels, cost, parallelism);
        var fresh = new List<int>();
        var dist = new float[n];
        for (int r = 0; r < rounds; r++)
        {
            double phi = 0;
            for (int i = 0; i < n; i++) phi += cost[i];
            if (phi <= 0) break;
            fresh.Clear();
            for (int i = 0; i < n; i++)
                if (!isChosen[i] && rng.NextDouble() < ell * cost[i] / phi) fresh.Add(i);
            if (fresh.Count == 0) continue;
            foreach (int i in fresh) isChosen[i] = true;
            chosen.AddRange(fresh);
            float[] block = Rows(data, d, fresh);
            NearestCentroid.Assign(data, n, d, block, fresh.Count, labels, dist, parallelism);
            for (int i = 0; i < n; i++) if (dist[i] < cost[i]) cost[i] = dist[i];
        }

        if (chosen.Count <= k)
        {
            for (int i = 0; chosen.Count < k; i = (i + 1) % n)
            {
                int candidate = rng.NextInt(n);
                if (!isChosen[candidate]) { isChosen[candidate] = true; chosen.Add(candidate); }
            }
            return Rows(data, d, chosen);
        }

        float[] candidates = Rows(data, d, chosen);
        int m = chosen.Count;
        NearestCentroid.Assign(data, n, d, candidates, m, labels, dist, parallelism);
        var weights = new double[m];
        foreach (int l in labels) weights[l] += 1;
        return WeightedKMeans(candidates, weights, m, d, k, rng);
    }

    private static float[] Rows(ReadOnlySpan<float> data, int d, List<int> rows)
    {
        var block = new float[rows.Count * d];
        for (int t = 0; t < rows.Count; t++) data.Slice(rows[t] * d, d).CopyTo(block.AsSpan(t * d, d));
        return block;
    }

    /// <summary>Weighted greedy k-means++ (2 + ⌊ln k⌋ trials) and up to 30 weighted Lloyd iterations on the candidates.</summary>
    private static float[] WeightedKMeans(float[] points, double[] weights, int m, int d, int k, SeededRandom rng)
    {
        int trials = 2 + (int)Math.Log(k);
        var centers = new int[k];
        var closest = new double[m];
        double Sq(int a, int b) => Distances.SquaredEuclidean(points.AsSpan(a * d, d), points.AsSpan(b * d, d));
        int first = PickWeighted(weights, rng.NextDouble() * weights.Sum());
        centers[0] = first;
        double potential = 0;
        for (int i = 0; i < m; i++) potential += weights[i] * (closest[i] = Sq(i, first));
        var cand = new double[m];
        var best = new double[m];
        var mass = new double[m];
        for (int c = 1; c < k; c++)
        {
            for (int i = 0; i < m; i++) mass[i] = weights[i] * closest[i];
            double bestPotential = double.PositiveInfinity;
            int bestId = -1;
            for (int t = 0; t < trials; t++)
            {
                int id = potential > 0 ? PickWeighted(mass, rng.NextDouble() * potential) : PickWeighted(weights, rng.NextDouble() * weights.Sum());
                double pot = 0;
                for (int i = 0; i < m; i++) pot += weights[i] * (cand[i] = Math.Min(closest[i], Sq(i, id)));
                if (pot < bestPotential) { bestPotential = pot; bestId = id; (cand, best) = (best, cand); }
            }
            centers[c] = bestId;
            potential = bestPotential;
            (closest, best) = (best, closest);
        }

        var result = new double[k * d];
        for (int j = 0; j < k; j++)
            for (int f = 0; f < d; f++) result[j * d + f] = points[centers[j] * d + f];
        var label = new int[m];
        var sums = new double[k * d];
        var w = new double[k];
        for (int iter = 0; iter < 30; iter++)
        {
            bool changed = false;
            for (int i = 0; i < m; i++)
            {
                int bi = 0;
                double bd = double.PositiveInfinity;
                for (int j = 0; j < k; j++)
                {
                    double s = 0;
                    for (int f = 0; f < d; f++) { double diff = points[i * d + f] - result[j * d + f]; s += diff * diff; }
                    if (s < bd) { bd = s; bi = j; }
                }
                if (iter == 0 || label[i] != bi) changed = true;
                label[i] = bi;
            }
            if (!changed) break;
            Array.Clear(sums);
            Array.Clear(w);
            for (int i = 0; i < m; i++)
            {
                w[label[i]] += weights[i];
                for (int f = 0; f < d; f++) sums[label[i] * d + f] += weights[i] * points[i * d + f];
            }
            for (int j = 0; j < k; j++)
                if (w[j] > 0) for (int f = 0; f < d; f++) result[j * d + f] = sums[j * d + f] / w[j];
        }
        var output = new float[k * d];
        for (int i = 0; i < output.Length; i++) output[i] = (float)result[i];
        return output;
    }

    private static int PickWeighted(double[] mass, double r)
    {
        double running = 0;
        int last = 0;
        for (int i = 0; i < mass.Length; i++)
        {
            if (mass[i] <= 0) continue;
            last = i;
            running += mass[i];
            if (r < running) return i;
        }
        return last;
    }
}

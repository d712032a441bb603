namespace RadiologyNet.Clustering.KMedoids;

/// <summary>Assignment of every object to its nearest medoid, and the total deviation that results.</summary>
public static class MedoidAssignment
{
    /// <summary>
    /// Writes into <paramref name="labels"/> the slot of each object's nearest medoid (the first slot wins ties)
    /// and returns the total deviation Σᵢ d(i, nearest medoid), accumulated in object order.
    /// </summary>
    public static double Assign<T>(in T diss, ReadOnlySpan<int> medoids, Span<int> labels) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        if (medoids.Length < 1) throw new ArgumentException("At least one medoid is needed.", nameof(medoids));
        if (labels.Length < n) throw new ArgumentException($"labels holds {labels.Length} < n = {n} slots.", nameof(labels));
        double cost = 0;
        for (int o = 0; o < n; o++)
        {
            int best = 0;
            double bestD = diss[medoids[0], o];
            for (int s = 1; s < medoids.Length; s++)
            {
                double v = diss[medoids[s], o];
                if (v < bestD) { bestD = v; best = s; }
            }
            labels[o] = best;
            cost += bestD;
        }
        return cost;
    }

    /// <summary>The total deviation of <paramref name="medoids"/>: Σᵢ minⱼ d(i, medoids[j]).</summary>
    public static double Cost<T>(in T diss, ReadOnlySpan<int> medoids) where T : struct, IDissimilarity
    {
        var labels = new int[diss.Count];
        return Assign(diss, medoids, labels);
    }

    /// <summary>
    /// The total deviation of <paramref name="medoids"/> (object indices) over n row-major float vectors, every
    /// distance computed in double as R's <c>cluster</c> computes it (<see cref="VectorDistance.Compute"/>),
    /// summed in object order: the cost to compare with R whatever storage the solver ran on. O(n k d).
    /// </summary>
    public static double ExactCost(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric, ReadOnlySpan<int> medoids)
    {
        VectorDistance.CheckShape(data, n, d);
        Validate(n, medoids, nameof(medoids));
        double cost = 0;
        for (int o = 0; o < n; o++)
        {
            var x = data.Slice(o * d, d);
            double best = double.PositiveInfinity;
            foreach (int m in medoids)
                best = Math.Min(best, m == o ? 0 : VectorDistance.Compute(x, data.Slice(m * d, d), metric));
            cost += best;
        }
        return cost;
    }

    /// <summary>A full result for <paramref name="medoids"/> (a copy), with the given counters.</summary>
    public static KMedoidsResult ToResult<T>(in T diss, ReadOnlySpan<int> medoids, int iterations, int swaps) where T : struct, IDissimilarity
    {
        var labels = new int[diss.Count];
        double cost = Assign(diss, medoids, labels);
        return new KMedoidsResult(medoids.ToArray(), labels, cost, iterations, swaps);
    }

    internal static void Validate(int n, ReadOnlySpan<int> medoids, string paramName)
    {
        if (medoids.Length < 1) throw new ArgumentException("At least one medoid is needed.", paramName);
        if (medoids.Length > n) throw new ArgumentException($"k = {medoids.Length} medoids exceed n = {n} objects.", paramName);
        var seen = new HashSet<int>();
        foreach (int m in medoids)
        {
            if ((uint)m >= (uint)n) throw new ArgumentOutOfRangeException(paramName, $"Medoid index {m} is outside [0, {n}).");
            if (!seen.Add(m)) throw new ArgumentException($"Medoid index {m} appears twice.", paramName);
        }
    }

    internal static void ValidateK(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (k > n) throw new ArgumentException($"k = {k} exceeds n = {n} objects.", nameof(k));
    }
}

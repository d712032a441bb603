namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// The "alternate" k-medoids (Voronoi iteration): Park &amp; Jun (2009), "A simple and fast algorithm for
/// K-medoids clustering", Expert Systems with Applications 36(2). Alternates assigning every object to its
/// nearest medoid with moving each medoid to the member that minimises the within-cluster sum of
/// dissimilarities, k-means style. Fast per pass but a weaker optimiser than PAM's swaps. This is the baseline
/// the RadiologyNET paper used, with scikit-learn-extra's conventions: the first medoid wins assignment ties;
/// a medoid moves only to a member with a strictly smaller sum (the first by index among equal sums); empty
/// clusters keep their medoid; the run stops when no medoid moves.
/// </summary>
public static class Alternate
{
    /// <summary>
    /// Runs from <paramref name="initialMedoids"/> (not modified) for at most <paramref name="maxIterations"/>
    /// assign + update passes. <see cref="KMedoidsResult.Iterations"/> counts those passes, including the last
    /// one that moved nothing; <see cref="KMedoidsResult.Swaps"/> counts medoid moves.
    /// </summary>
    public static KMedoidsResult Fit<T>(in T diss, ReadOnlySpan<int> initialMedoids, int maxIterations = 300) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.Validate(n, initialMedoids, nameof(initialMedoids));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 0);
        int k = initialMedoids.Length;
        var medoids = initialMedoids.ToArray();
        var labels = new int[n];
        var members = new List<int>[k];
        for (int s = 0; s < k; s++) members[s] = [];
        int iterations = 0, moves = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            MedoidAssignment.Assign(diss, medoids, labels);
            foreach (var list in members) list.Clear();
            for (int o = 0; o < n; o++) members[labels[o]].Add(o);
            bool moved = false;
            for (int s = 0; s < k; s++)
            {
                var cluster = members[s];
                if (cluster.Count == 0) continue;
                double currentSum = double.NaN, bestSum = double.PositiveInfinity;
                int best = -1;
                foreach (int c in cluster)
                {
                    double sum = 0;
                    foreach (int o in cluster) sum += diss[c, o];
                    if (sum < bestSum) { bestSum = sum; best = c; }
                    if (c == medoids[s]) currentSum = sum;
                }
                if (double.IsNaN(currentSum)) // medoid not in its own cluster (a duplicate of an earlier medoid)
                {
                    currentSum = 0;
                    foreach (int o in cluster) currentSum += diss[cluster[0], o];
                }
                if (bestSum < currentSum)
                {
                    medoids[s] = best;
                    moved = true;
                    moves++;
                }
            }
            if (!moved) break;
        }
        return MedoidAssignment.ToResult(diss, medoids, iterations, moves);
    }
}

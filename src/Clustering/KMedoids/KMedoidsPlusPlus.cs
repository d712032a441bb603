namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// k-medoids++ seeding: the D² sampling of Arthur &amp; Vassilvitskii (2007), "k-means++: The advantages of
/// careful seeding" (SODA), applied to a dissimilarity as scikit-learn-extra's <c>KMedoids(init='k-medoids++')</c>
/// does: the first medoid is uniform; each next one is the best (lowest resulting Σ d²) of 2 + ⌊ln k⌋
/// candidates drawn with probability ∝ d(x, nearest medoid)². Deterministic for a seed (our xoshiro256**
/// stream). O(n k log k) dissimilarity lookups.
/// </summary>
public static class KMedoidsPlusPlus
{
    /// <summary>The k initial medoids, in the order chosen.</summary>
    public static int[] Select<T>(in T diss, int k, long seed) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.ValidateK(n, k);
        var rng = new SeededRandom(seed);
        int trials = 2 + (int)Math.Log(k);
        var chosen = new int[k];
        var isMedoid = new bool[n];
        chosen[0] = rng.NextInt(n);
        isMedoid[chosen[0]] = true;

        var closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++)
        {
            double v = diss[chosen[0], i];
            closest[i] = v * v;
            potential += closest[i];
        }
        var cumulative = new double[n];
        var candidate = new double[n];
        var bestCandidate = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            double bestPotential = double.PositiveInfinity;
            int bestId = -1;
            for (int t = 0; t < trials; t++)
            {
                int id = potential > 0 ? Math.Min(SortedSearch.LowerBound(cumulative, rng.NextDouble() * potential), n - 1) : -1;
                if (id < 0 || isMedoid[id]) id = RandomNonMedoid(isMedoid, rng);
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    double v = diss[id, i];
                    candidate[i] = Math.Min(closest[i], v * v);
                    pot += candidate[i];
                }
                if (pot < bestPotential)
                {
                    bestPotential = pot;
                    bestId = id;
                    (candidate, bestCandidate) = (bestCandidate, candidate);
                }
            }
            chosen[c] = bestId;
            isMedoid[bestId] = true;
            potential = bestPotential;
            (closest, bestCandidate) = (bestCandidate, closest);
        }
        return chosen;
    }

    private static int RandomNonMedoid(bool[] isMedoid, SeededRandom rng)
    {
        int free = 0;
        foreach (bool m in isMedoid) if (!m) free++;
        int r = rng.NextInt(free);
        for (int i = 0; i < isMedoid.Length; i++)
            if (!isMedoid[i] && r-- == 0) return i;
        throw new InvalidOperationException("No object left to choose.");
    }
}

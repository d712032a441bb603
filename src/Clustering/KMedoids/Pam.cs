namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// PAM, Partitioning Around Medoids: Kaufman &amp; Rousseeuw (1987), "Clustering by means of medoids", in
/// <i>Statistical Data Analysis Based on the L1-Norm</i>, and (1990) <i>Finding Groups in Data</i>, ch. 2.
/// BUILD (<see cref="PamBuild"/>) then SWAP: each pass evaluates every (medoid, non-medoid) exchange and
/// performs the single best one while it lowers the total deviation. The reference solver, O(k n²) per pass.
/// It reproduces R <c>cluster::pam(pamonce = 0)</c> operation for operation: the change T_ih of each swap is
/// summed over the objects in index order exactly as R's C code sums it, candidates h and medoids i are scanned
/// in index order, the first minimum wins, and a swap is made only when T &lt; −16 ε |total|. On the same
/// double dissimilarities it therefore makes the same swaps and ends at the same medoids.
/// </summary>
public static class Pam
{
    /// <summary>BUILD then SWAP.</summary>
    public static KMedoidsResult Fit<T>(in T diss, int k, int maxIterations = 1000) where T : struct, IDissimilarity =>
        Fit(diss, PamBuild.Select(diss, k), maxIterations);

    /// <summary>SWAP from <paramref name="initialMedoids"/> (not modified). <see cref="KMedoidsResult.Iterations"/> counts SWAP passes.</summary>
    public static KMedoidsResult Fit<T>(in T diss, ReadOnlySpan<int> initialMedoids, int maxIterations = 1000) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.Validate(n, initialMedoids, nameof(initialMedoids));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 0);
        int k = initialMedoids.Length;
        var medoids = initialMedoids.ToArray();
        var isMedoid = new bool[n];
        foreach (int m in medoids) isMedoid[m] = true;

        double large = PamBuild.LargeValue(diss);
        var nearD = new double[n];
        var secondD = new double[n];
        var nearRank = new int[n];
        var byIndex = new int[k];   // medoid objects in ascending index order (R's scan order for i)
        var acc = new double[k];
        int iterations = 0, swaps = 0;
        double total = 0;
        for (int j = 0; j < n; j++)
        {
            double best = double.PositiveInfinity;
            foreach (int m in medoids) best = Math.Min(best, diss[m, j]);
            total += best;
        }

        while (iterations < maxIterations)
        {
            iterations++;
            medoids.CopyTo(byIndex, 0);
            Array.Sort(byIndex);
            for (int j = 0; j < n; j++)
            {
                double a = large, b = large;
                int rank = 0;
                for (int t = 0; t < k; t++)
                {
                    double v = diss[byIndex[t], j];
                    if (a > v) { b = a; a = v; rank = t; }
                    else if (b > v) b = v;
                }
                nearD[j] = a; secondD[j] = b; nearRank[j] = rank;
            }

            double bestChange = 1.0;
            int bestH = -1, bestRank = -1;
            for (int h = 0; h < n; h++)
            {
                if (isMedoid[h]) continue;
                Array.Clear(acc);
                for (int j = 0; j < n; j++)
                {
                    double dhj = diss[h, j], dm = nearD[j];
                    if (dhj < dm)
                    {
                        // every medoid's T_ih gets (d_hj − D_j): for the nearest, min(E_j, d_hj) = d_hj
                        double x = -dm + dhj;
                        for (int t = 0; t < acc.Length; t++) acc[t] += x;
                    }
                    else
                    {
                        // only the nearest medoid's T_ih changes: + (min(E_j, d_hj) − D_j); ties add zero
                        double small = secondD[j] > dhj ? dhj : secondD[j];
                        acc[nearRank[j]] += -dm + small;
                    }
                }
                for (int t = 0; t < k; t++)
                    if (bestChange > acc[t]) { bestChange = acc[t]; bestH = h; bestRank = t; }
            }
            if (!(bestChange < -16 * 2.220446049250313e-16 * Math.Abs(total))) break;
            int slot = Array.IndexOf(medoids, byIndex[bestRank]);
            isMedoid[medoids[slot]] = false;
            isMedoid[bestH] = true;
            medoids[slot] = bestH;
            total += bestChange;
            swaps++;
        }
        return MedoidAssignment.ToResult(diss, medoids, iterations, swaps);
    }

    /// <summary>BUILD only (R's <c>pam(..., do.swap = FALSE)</c>): the BUILD medoids and their assignment.</summary>
    public static KMedoidsResult BuildOnly<T>(in T diss, int k) where T : struct, IDissimilarity =>
        MedoidAssignment.ToResult(diss, PamBuild.Select(diss, k), 0, 0);
}

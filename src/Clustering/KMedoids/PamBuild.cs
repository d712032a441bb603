namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// The BUILD initialisation of PAM: Kaufman &amp; Rousseeuw (1987), "Clustering by means of medoids", and
/// (1990) <i>Finding Groups in Data</i>, ch. 2. Greedy: the first medoid minimises the total deviation; each
/// next one is the object whose addition lowers it most. O(k n²). Follows R <c>cluster::pam</c>'s C code
/// exactly (gains summed over objects in index order, positive parts only; the last object wins ties), so it
/// picks the same medoids as <c>pam(..., do.swap = FALSE)</c>.
/// </summary>
public static class PamBuild
{
    /// <summary>The k BUILD medoids, in the order chosen.</summary>
    public static int[] Select<T>(in T diss, int k) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.ValidateK(n, k);
        var nearest = new double[n];
        nearest.AsSpan().Fill(LargeValue(diss));
        return SelectFrom(diss, k, nearest, new bool[n]);
    }

    /// <summary>R's initial "distance to the nearest medoid" before any is chosen: 1.1 · max d + 1.</summary>
    internal static double LargeValue<T>(in T diss) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        double max = 0;
        for (int i = 1; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double v = diss[i, j];
                if (v > max) max = v;
            }
        return 1.1 * max + 1.0;
    }

    /// <summary>BUILD steps from a state: <paramref name="nearest"/>[j] = distance of j to its nearest chosen medoid.</summary>
    internal static int[] SelectFrom<T>(in T diss, int k, double[] nearest, bool[] isMedoid) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        var chosen = new int[k];
        for (int c = 0; c < k; c++)
        {
            double bestGain = 0;
            int best = -1;
            for (int i = 0; i < n; i++)
            {
                if (isMedoid[i]) continue;
                double gain = 0;
                for (int j = 0; j < n; j++)
                {
                    double cmd = nearest[j] - diss[i, j];
                    if (cmd > 0) gain += cmd;
                }
                if (bestGain <= gain) { bestGain = gain; best = i; }
            }
            if (best < 0) best = Array.IndexOf(isMedoid, false); // unreachable for k ≤ n; defensive
            isMedoid[best] = true;
            chosen[c] = best;
            for (int j = 0; j < n; j++)
            {
                double v = diss[best, j];
                if (nearest[j] > v) nearest[j] = v;
            }
        }
        return chosen;
    }
}

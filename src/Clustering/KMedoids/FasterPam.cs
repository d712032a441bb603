using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// FasterPAM: Schubert &amp; Rousseeuw (2021), "Fast and eager k-medoids clustering: O(k) runtime improvement
/// of the PAM, CLARA, and CLARANS algorithms", Information Systems 101:101804 (FastPAM1's O(k) swap
/// evaluation, with eager swapping). For each non-medoid candidate x_c in turn, the change of total deviation
/// of swapping x_c with every medoid is found in one O(n) pass, from each object's nearest and second-nearest
/// medoid and the per-medoid "removal loss"; the best of those swaps is applied at once if it improves.
/// Stops after a full cycle over the candidates without a swap. Same local optima as PAM's SWAP, O(k) faster
/// per pass, and usually few passes.
/// </summary>
public static class FasterPam
{
    /// <summary>
    /// Runs FasterPAM from <paramref name="initialMedoids"/> (not modified) for at most
    /// <paramref name="maxIterations"/> passes over the candidates.
    /// </summary>
    public static KMedoidsResult Fit<T>(in T diss, ReadOnlySpan<int> initialMedoids, int maxIterations = 100) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.Validate(n, initialMedoids, nameof(initialMedoids));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 0);
        int k = initialMedoids.Length;
        var medoids = initialMedoids.ToArray();
        if (k == 1) return SingleMedoid(diss, medoids, maxIterations);

        var recs = new Rec[n];
        double loss = InitialAssignment(diss, medoids, recs);
        var removal = new double[k];
        var ploss = new double[k];
        UpdateRemovalLoss(recs, removal);

        int lastSwap = n, swaps = 0, iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            int swapsBefore = swaps;
            double lastLoss = loss;
            for (int j = 0; j < n; j++)
            {
                if (j == lastSwap) break;
                if (j == medoids[recs[j].Near]) continue; // already a medoid
                double change = FindBestSwap(diss, removal, ploss, recs, j, out int b);
                if (!(change < -Tolerance(loss))) continue;
                swaps++;
                lastSwap = j;
                double newLoss = DoSwap(diss, medoids, recs, b, j);
                if (newLoss >= loss) { loss = newLoss; break; } // numerically unstable; stop
                loss = newLoss;
                UpdateRemovalLoss(recs, removal);
            }
            if (swaps == swapsBefore || loss >= lastLoss) break;
        }
        var labels = new int[n];
        for (int o = 0; o < n; o++) labels[o] = recs[o].Near;
        return new KMedoidsResult(medoids, labels, Recompute(recs), iterations, swaps);
    }

    /// <summary>FasterPAM from a random initialisation (<see cref="RandomMedoids"/>), as R's <c>pam(variant = "faster")</c> and the kmedoids crate's default.</summary>
    public static KMedoidsResult Fit<T>(in T diss, int k, long seed, int maxIterations = 100) where T : struct, IDissimilarity =>
        Fit(diss, RandomMedoids.Select(diss.Count, k, seed), maxIterations);

    /// <summary>Swaps smaller than this (relative to the loss) are rounding noise, as in R's PAM (16 ε |loss|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Tolerance(double loss) => 16 * 2.220446049250313e-16 * Math.Abs(loss);

    [StructLayout(LayoutKind.Sequential)]
    internal struct Rec
    {
        public double NearD;
        public double SecoD;
        public int Near;
        public int Seco;
    }

    internal static double InitialAssignment<T>(in T diss, int[] medoids, Rec[] recs) where T : struct, IDissimilarity
    {
        int n = diss.Count, k = medoids.Length;
        double loss = 0;
        for (int o = 0; o < n; o++)
        {
            int near = -1, seco = -1;
            double nearD = double.PositiveInfinity, secoD = double.PositiveInfinity;
            for (int m = 0; m < k; m++)
            {
                bool self = medoids[m] == o; // a medoid is always its own nearest, even among duplicates
                double v = self ? 0 : diss[medoids[m], o];
                if (v < nearD || self) { seco = near; secoD = nearD; near = m; nearD = v; }
                else if (v < secoD) { seco = m; secoD = v; }
            }
            recs[o] = new Rec { Near = near, NearD = nearD, Seco = seco, SecoD = secoD };
            loss += nearD;
        }
        return loss;
    }

    internal static void UpdateRemovalLoss(Rec[] recs, double[] removal)
    {
        Array.Clear(removal);
        foreach (ref readonly var r in recs.AsSpan()) removal[r.Near] += r.SecoD - r.NearD;
    }

    /// <summary>The best change of loss for making <paramref name="j"/> a medoid, and the slot to replace.</summary>
    internal static double FindBestSwap<T>(in T diss, double[] removal, double[] ploss, Rec[] recs, int j, out int bestSlot) where T : struct, IDissimilarity
    {
        removal.AsSpan().CopyTo(ploss);
        double acc = typeof(T) == typeof(DenseDissimilarity)
            ? Scan(Unsafe.As<T, DenseDissimilarity>(ref Unsafe.AsRef(in diss)).Row(j), recs, ploss)
            : ScanGeneric(diss, recs, ploss, j);
        int b = 0;
        double best = ploss[0];
        for (int m = 1; m < ploss.Length; m++)
            if (ploss[m] < best) { best = ploss[m]; b = m; }
        bestSlot = b;
        return best + acc;
    }

    /// <summary>The O(n) pass of a candidate over its row of a dense matrix (the hot loop).</summary>
    private static double Scan(ReadOnlySpan<double> row, Rec[] recs, double[] ploss)
    {
        double acc = 0;
        ref Rec r0 = ref MemoryMarshal.GetArrayDataReference(recs);
        ref double d0 = ref MemoryMarshal.GetReference(row);
        ref double pl = ref MemoryMarshal.GetArrayDataReference(ploss);
        nuint n = (nuint)Math.Min(row.Length, recs.Length);
        for (nuint o = 0; o < n; o++)
        {
            ref Rec r = ref Unsafe.Add(ref r0, o);
            double djo = Unsafe.Add(ref d0, o);
            if (djo < r.SecoD)
            {
                if (djo < r.NearD)
                {
                    acc += djo - r.NearD;
                    Unsafe.Add(ref pl, r.Near) += r.NearD - r.SecoD;
                }
                else Unsafe.Add(ref pl, r.Near) += djo - r.SecoD;
            }
        }
        return acc;
    }

    private static double ScanGeneric<T>(in T diss, Rec[] recs, double[] ploss, int j) where T : struct, IDissimilarity
    {
        double acc = 0;
        for (int o = 0; o < recs.Length; o++)
        {
            ref readonly Rec r = ref recs[o];
            double djo = diss[j, o];
            if (djo < r.NearD)
            {
                acc += djo - r.NearD;
                ploss[r.Near] += r.NearD - r.SecoD;
            }
            else if (djo < r.SecoD)
            {
                ploss[r.Near] += djo - r.SecoD;
            }
        }
        return acc;
    }

    /// <summary>Makes object <paramref name="j"/> the medoid of slot <paramref name="b"/>; updates nearest/second and returns the new loss.</summary>
    internal static double DoSwap<T>(in T diss, int[] medoids, Rec[] recs, int b, int j) where T : struct, IDissimilarity
    {
        medoids[b] = j;
        double loss = 0;
        for (int o = 0; o < recs.Length; o++)
        {
            ref Rec r = ref recs[o];
            if (o == j)
            {
                if (r.Near != b) { r.Seco = r.Near; r.SecoD = r.NearD; }
                r.Near = b; r.NearD = 0;
                continue;
            }
            double djo = diss[j, o];
            if (r.Near == b)
            {
                // the nearest medoid was replaced
                if (djo < r.SecoD) r.NearD = djo;
                else
                {
                    r.Near = r.Seco; r.NearD = r.SecoD;
                    UpdateSecond(diss, medoids, ref r, b, o, djo);
                }
            }
            else if (djo < r.NearD)
            {
                r.Seco = r.Near; r.SecoD = r.NearD;
                r.Near = b; r.NearD = djo;
            }
            else if (djo < r.SecoD)
            {
                r.Seco = b; r.SecoD = djo;
            }
            else if (r.Seco == b)
            {
                // the second-nearest medoid was replaced by a farther one
                UpdateSecond(diss, medoids, ref r, b, o, djo);
            }
            loss += r.NearD;
        }
        return loss;
    }

    private static void UpdateSecond<T>(in T diss, int[] medoids, ref Rec r, int b, int o, double djo) where T : struct, IDissimilarity
    {
        int s = b;
        double sd = djo;
        for (int m = 0; m < medoids.Length; m++)
        {
            if (m == r.Near || m == b) continue;
            double v = diss[medoids[m], o];
            if (v < sd) { s = m; sd = v; }
        }
        r.Seco = s; r.SecoD = sd;
    }

    /// <summary>The loss summed afresh in object order (the running sum can drift by rounding).</summary>
    private static double Recompute(Rec[] recs)
    {
        double loss = 0;
        foreach (ref readonly var r in recs.AsSpan()) loss += r.NearD;
        return loss;
    }

    private static KMedoidsResult SingleMedoid<T>(in T diss, int[] medoids, int maxIterations) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        double best = SumTo(diss, medoids[0]);
        int swaps = 0;
        if (maxIterations > 0)
            for (int c = 0; c < n; c++)
            {
                if (c == medoids[0]) continue;
                double s = SumTo(diss, c);
                if (s < best - Tolerance(best)) { best = s; medoids[0] = c; swaps++; }
            }
        return new KMedoidsResult(medoids, new int[n], best, maxIterations > 0 ? 1 : 0, swaps);
    }

    private static double SumTo<T>(in T diss, int c) where T : struct, IDissimilarity
    {
        double s = 0;
        for (int o = 0; o < diss.Count; o++) s += diss[c, o];
        return s;
    }
}

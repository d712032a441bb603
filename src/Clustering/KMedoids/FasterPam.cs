using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// FasterPAM: Schubert &amp; Rousseeuw (2021), "Fast and eager k-medoids clustering: O(k) runtime improvement
/// of the PAM, CLARA, and CLARANS algorithms", Information Systems 101:101804 (FastPAM1's O(k) swap
/// evaluation, with eager swapping). For each non-medoid candidate x_c in turn, the change of total deviation
/// of swapping x_c with every medoid is found in one O(n) pass, from each object's nearest and second-nearest
/// medoid and the per-medoid "removal loss"; the best of those swaps is applied at once if it improves.
/// Stops after a full cycle over the candidates without a swap. Same local optima as PAM's SWAP, O(k) faster
/// per pass, and usually few passes. Implementation follows the kmedoids crate's <c>fasterpam.rs</c> (nearest and
/// second-nearest arrays, removal loss, eager swap); on dense storage (<see cref="DenseDissimilarity"/>,
/// <see cref="DenseFloatDissimilarity"/>) the candidate scan compares 8 (double) or 16 (float) row entries at once
/// with the second-nearest distances and visits, in index order, only the objects whose loss term can change, so
/// every sum is the same as the scalar scan's. The solver is generic over the storage struct, so the JIT
/// specialises it per storage with no virtual call per pair.
/// </summary>
public static class FasterPam
{
    /// <summary>
    /// Runs FasterPAM from <paramref name="initialMedoids"/> (not modified) for at most
    /// <paramref name="maxIterations"/> passes over the candidates.
    /// </summary>
    public static KMedoidsResult Fit<T>(in T diss, ReadOnlySpan<int> initialMedoids, int maxIterations = 100) where T : struct, IDissimilarity =>
        Fit(diss, initialMedoids, [], maxIterations);

    /// <summary>
    /// FasterPAM with the swap candidates restricted to <paramref name="candidates"/> (all objects when empty), every
    /// object still counted in the loss: a local optimum over the full data among those candidates (used by CLARA).
    /// </summary>
    internal static KMedoidsResult Fit<T>(in T diss, ReadOnlySpan<int> initialMedoids, ReadOnlySpan<int> candidates, int maxIterations) where T : struct, IDissimilarity
    {
        int n = diss.Count;
        MedoidAssignment.Validate(n, initialMedoids, nameof(initialMedoids));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 0);
        int k = initialMedoids.Length;
        var medoids = initialMedoids.ToArray();
        if (k == 1) return SingleMedoid(diss, medoids, maxIterations);

        var s = new State(n, typeof(T) == typeof(DenseFloatDissimilarity));
        double loss = InitialAssignment(diss, medoids, s);
        var removal = new double[k];
        var ploss = new double[k];
        UpdateRemovalLoss(s, removal);

        bool all = candidates.IsEmpty;
        int count = all ? n : candidates.Length;
        int lastSwap = -1, swaps = 0, iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            int swapsBefore = swaps;
            double lastLoss = loss;
            for (int c = 0; c < count; c++)
            {
                if (c == lastSwap) break;
                int j = all ? c : candidates[c];
                if (j == medoids[s.Near[j]]) continue; // already a medoid
                double change = FindBestSwap(diss, removal, ploss, s, j, out int b);
                if (!(change < -Tolerance(loss))) continue;
                swaps++;
                lastSwap = c;
                double newLoss = DoSwap(diss, medoids, s, b, j);
                if (newLoss >= loss) { loss = newLoss; break; } // numerically unstable; stop
                loss = newLoss;
                UpdateRemovalLoss(s, removal);
            }
            if (swaps == swapsBefore || loss >= lastLoss) break;
        }
        return new KMedoidsResult(medoids, s.Near.ToArray(), Recompute(s), iterations, swaps);
    }

    /// <summary>FasterPAM from a random initialisation (<see cref="RandomMedoids"/>), as R's <c>pam(variant = "faster")</c> and the kmedoids crate's default.</summary>
    public static KMedoidsResult Fit<T>(in T diss, int k, long seed, int maxIterations = 100) where T : struct, IDissimilarity =>
        Fit(diss, RandomMedoids.Select(diss.Count, k, seed), maxIterations);

    /// <summary>Swaps smaller than this (relative to the loss) are rounding noise, as in R's PAM (16 ε |loss|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Tolerance(double loss) => 16 * 2.220446049250313e-16 * Math.Abs(loss);

    /// <summary>
    /// Per object: the slot and distance of its nearest and second-nearest medoid, as separate arrays so the scan can
    /// compare a whole SIMD vector of a candidate's row against <see cref="SecoD"/> at once (and, for float storage,
    /// against the exact float copy <see cref="SecoF"/>).
    /// </summary>
    internal sealed class State(int n, bool floatMirror)
    {
        public readonly double[] NearD = new double[n], SecoD = new double[n];
        public readonly int[] Near = new int[n], Seco = new int[n];
        public readonly float[]? SecoF = floatMirror ? new float[n] : null;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetSeco(int o, int slot, double d)
        {
            Seco[o] = slot;
            SecoD[o] = d;
            if (SecoF is not null) SecoF[o] = (float)d; // exact: float storage yields float values (or +∞)
        }
    }

    internal static double InitialAssignment<T>(in T diss, int[] medoids, State s) where T : struct, IDissimilarity
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
            s.Near[o] = near;
            s.NearD[o] = nearD;
            s.SetSeco(o, seco, secoD);
            loss += nearD;
        }
        return loss;
    }

    internal static void UpdateRemovalLoss(State s, double[] removal)
    {
        Array.Clear(removal);
        var near = s.Near;
        var nearD = s.NearD;
        var secoD = s.SecoD;
        for (int o = 0; o < near.Length; o++) removal[near[o]] += secoD[o] - nearD[o];
    }

    /// <summary>The best change of loss for making <paramref name="j"/> a medoid, and the slot to replace.</summary>
    internal static double FindBestSwap<T>(in T diss, double[] removal, double[] ploss, State s, int j, out int bestSlot) where T : struct, IDissimilarity
    {
        removal.AsSpan().CopyTo(ploss);
        double acc;
        if (typeof(T) == typeof(DenseFloatDissimilarity))
            acc = ScanFloat(Unsafe.As<T, DenseFloatDissimilarity>(ref Unsafe.AsRef(in diss)).Row(j), s, ploss);
        else if (typeof(T) == typeof(DenseDissimilarity))
            acc = ScanDouble(Unsafe.As<T, DenseDissimilarity>(ref Unsafe.AsRef(in diss)).Row(j), s, ploss);
        else
            acc = ScanGeneric(diss, s, ploss, j);
        int b = 0;
        double best = ploss[0];
        for (int m = 1; m < ploss.Length; m++)
            if (ploss[m] < best) { best = ploss[m]; b = m; }
        bestSlot = b;
        return best + acc;
    }

    /// <summary>
    /// Object o with d(j, o) &lt; its second-nearest distance: the only objects whose loss term changes when j
    /// becomes a medoid. Objects are visited in index order by every scan, so the sums are the same whatever skipped
    /// the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Visit(ref double acc, ref double pl, ref int near0, ref double nearD0, ref double secoD0, nuint o, double djo)
    {
        double nd = Unsafe.Add(ref nearD0, o);
        ref double slot = ref Unsafe.Add(ref pl, Unsafe.Add(ref near0, o));
        if (djo < nd)
        {
            acc += djo - nd;
            slot += nd - Unsafe.Add(ref secoD0, o);
        }
        else slot += djo - Unsafe.Add(ref secoD0, o);
    }

    /// <summary>The O(n) pass of a candidate over its float row: 16 comparisons per step, then only the objects that pass.</summary>
    private static double ScanFloat(ReadOnlySpan<float> row, State s, double[] ploss)
    {
        double acc = 0;
        ref float d0 = ref MemoryMarshal.GetReference(row);
        ref float sf0 = ref MemoryMarshal.GetArrayDataReference(s.SecoF!);
        ref double nearD0 = ref MemoryMarshal.GetArrayDataReference(s.NearD);
        ref double secoD0 = ref MemoryMarshal.GetArrayDataReference(s.SecoD);
        ref int near0 = ref MemoryMarshal.GetArrayDataReference(s.Near);
        ref double pl = ref MemoryMarshal.GetArrayDataReference(ploss);
        nuint n = (nuint)Math.Min(row.Length, s.SecoF!.Length), o = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; o + 16 <= n; o += 16)
            {
                uint mask = Vector256.LessThan(Vector256.LoadUnsafe(ref d0, o), Vector256.LoadUnsafe(ref sf0, o)).ExtractMostSignificantBits()
                          | Vector256.LessThan(Vector256.LoadUnsafe(ref d0, o + 8), Vector256.LoadUnsafe(ref sf0, o + 8)).ExtractMostSignificantBits() << 8;
                while (mask != 0)
                {
                    nuint p = o + (nuint)BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    Visit(ref acc, ref pl, ref near0, ref nearD0, ref secoD0, p, Unsafe.Add(ref d0, p));
                }
            }
        }
        for (; o < n; o++)
        {
            float v = Unsafe.Add(ref d0, o);
            if (v < Unsafe.Add(ref sf0, o)) Visit(ref acc, ref pl, ref near0, ref nearD0, ref secoD0, o, v);
        }
        return acc;
    }

    /// <summary>The O(n) pass of a candidate over its double row: 8 comparisons per step, then only the objects that pass.</summary>
    private static double ScanDouble(ReadOnlySpan<double> row, State s, double[] ploss)
    {
        double acc = 0;
        ref double d0 = ref MemoryMarshal.GetReference(row);
        ref double nearD0 = ref MemoryMarshal.GetArrayDataReference(s.NearD);
        ref double secoD0 = ref MemoryMarshal.GetArrayDataReference(s.SecoD);
        ref int near0 = ref MemoryMarshal.GetArrayDataReference(s.Near);
        ref double pl = ref MemoryMarshal.GetArrayDataReference(ploss);
        nuint n = (nuint)Math.Min(row.Length, s.SecoD.Length), o = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; o + 8 <= n; o += 8)
            {
                uint mask = Vector256.LessThan(Vector256.LoadUnsafe(ref d0, o), Vector256.LoadUnsafe(ref secoD0, o)).ExtractMostSignificantBits()
                          | Vector256.LessThan(Vector256.LoadUnsafe(ref d0, o + 4), Vector256.LoadUnsafe(ref secoD0, o + 4)).ExtractMostSignificantBits() << 4;
                while (mask != 0)
                {
                    nuint p = o + (nuint)BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    Visit(ref acc, ref pl, ref near0, ref nearD0, ref secoD0, p, Unsafe.Add(ref d0, p));
                }
            }
        }
        for (; o < n; o++)
        {
            double v = Unsafe.Add(ref d0, o);
            if (v < Unsafe.Add(ref secoD0, o)) Visit(ref acc, ref pl, ref near0, ref nearD0, ref secoD0, o, v);
        }
        return acc;
    }

    private static double ScanGeneric<T>(in T diss, State s, double[] ploss, int j) where T : struct, IDissimilarity
    {
        double acc = 0;
        ref double nearD0 = ref MemoryMarshal.GetArrayDataReference(s.NearD);
        ref double secoD0 = ref MemoryMarshal.GetArrayDataReference(s.SecoD);
        ref int near0 = ref MemoryMarshal.GetArrayDataReference(s.Near);
        ref double pl = ref MemoryMarshal.GetArrayDataReference(ploss);
        for (int o = 0; o < s.Near.Length; o++)
        {
            double djo = diss[j, o];
            if (djo < s.SecoD[o]) Visit(ref acc, ref pl, ref near0, ref nearD0, ref secoD0, (nuint)o, djo);
        }
        return acc;
    }

    /// <summary>Makes object <paramref name="j"/> the medoid of slot <paramref name="b"/>; updates nearest/second and returns the new loss.</summary>
    internal static double DoSwap<T>(in T diss, int[] medoids, State s, int b, int j) where T : struct, IDissimilarity
    {
        medoids[b] = j;
        double loss = 0;
        var near = s.Near;
        var nearD = s.NearD;
        var seco = s.Seco;
        var secoD = s.SecoD;
        for (int o = 0; o < near.Length; o++)
        {
            if (o == j)
            {
                if (near[o] != b) s.SetSeco(o, near[o], nearD[o]);
                near[o] = b; nearD[o] = 0;
                continue;
            }
            double djo = diss[j, o];
            if (near[o] == b)
            {
                // the nearest medoid was replaced
                if (djo < secoD[o]) nearD[o] = djo;
                else
                {
                    near[o] = seco[o]; nearD[o] = secoD[o];
                    UpdateSecond(diss, medoids, s, b, o, djo);
                }
            }
            else if (djo < nearD[o])
            {
                s.SetSeco(o, near[o], nearD[o]);
                near[o] = b; nearD[o] = djo;
            }
            else if (djo < secoD[o])
            {
                s.SetSeco(o, b, djo);
            }
            else if (seco[o] == b)
            {
                // the second-nearest medoid was replaced by a farther one
                UpdateSecond(diss, medoids, s, b, o, djo);
            }
            loss += nearD[o];
        }
        return loss;
    }

    private static void UpdateSecond<T>(in T diss, int[] medoids, State s, int b, int o, double djo) where T : struct, IDissimilarity
    {
        int sl = b;
        double sd = djo;
        int near = s.Near[o];
        for (int m = 0; m < medoids.Length; m++)
        {
            if (m == near || m == b) continue;
            double v = diss[medoids[m], o];
            if (v < sd) { sl = m; sd = v; }
        }
        s.SetSeco(o, sl, sd);
    }

    /// <summary>The loss summed afresh in object order (the running sum can drift by rounding).</summary>
    private static double Recompute(State s)
    {
        double loss = 0;
        foreach (double v in s.NearD) loss += v;
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

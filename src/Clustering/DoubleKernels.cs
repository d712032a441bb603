using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RadiologyNet.Clustering;

/// <summary>
/// Small inlined float64 loops for the k-means hot paths (Elkan's point–centre distances and centre sums), with
/// <see cref="Vector512"/> or <see cref="Vector256"/> FMAs and no per-call dispatch: at d = 64 a library call's
/// fixed cost is a noticeable share of the work.
/// </summary>
internal static class DoubleKernels
{
    /// <summary>√Σ(a − b)² over the common length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Math.Sqrt(SquaredDistance(a, b));

    /// <summary>Σ(a − b)² over the length of <paramref name="a"/> (b at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int d = a.Length, f = 0;
        if (b.Length < d) throw new ArgumentException("Second vector is shorter.", nameof(b));
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double s;
        if (Vector512.IsHardwareAccelerated && d >= 16)
        {
            Vector512<double> acc0 = default, acc1 = default;
            for (; f + 16 <= d; f += 16)
            {
                var x0 = Vector512.LoadUnsafe(ref ra, (nuint)f) - Vector512.LoadUnsafe(ref rb, (nuint)f);
                var x1 = Vector512.LoadUnsafe(ref ra, (nuint)(f + 8)) - Vector512.LoadUnsafe(ref rb, (nuint)(f + 8));
                acc0 = Vector512.FusedMultiplyAdd(x0, x0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(x1, x1, acc1);
            }
            s = Vector512.Sum(acc0 + acc1);
        }
        else
        {
            Vector256<double> acc = default;
            for (; f + 4 <= d; f += 4)
            {
                var x = Vector256.LoadUnsafe(ref ra, (nuint)f) - Vector256.LoadUnsafe(ref rb, (nuint)f);
                acc = Vector256.FusedMultiplyAdd(x, x, acc);
            }
            s = Vector256.Sum(acc);
        }
        for (; f < d; f++)
        {
            double x = Unsafe.Add(ref ra, f) - Unsafe.Add(ref rb, f);
            s += x * x;
        }
        return s;
    }

    /// <summary>sum += x, element-wise over the length of <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInPlace(Span<double> sum, ReadOnlySpan<double> x)
    {
        int d = sum.Length, f = 0;
        if (x.Length < d) throw new ArgumentException("Addend is shorter.", nameof(x));
        ref double rs = ref MemoryMarshal.GetReference(sum);
        ref double rx = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated)
            for (; f + 8 <= d; f += 8)
                (Vector512.LoadUnsafe(ref rs, (nuint)f) + Vector512.LoadUnsafe(ref rx, (nuint)f)).StoreUnsafe(ref rs, (nuint)f);
        for (; f + 4 <= d; f += 4)
            (Vector256.LoadUnsafe(ref rs, (nuint)f) + Vector256.LoadUnsafe(ref rx, (nuint)f)).StoreUnsafe(ref rs, (nuint)f);
        for (; f < d; f++) Unsafe.Add(ref rs, f) += Unsafe.Add(ref rx, f);
    }
}

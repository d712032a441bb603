using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace RadiologyNet.Clustering;

/// <summary>
/// Dot products of one vector with a run of centroid rows, four rows at a time with SIMD
/// (<see cref="Vector{T}"/>), so each load of x feeds four multiply-adds — the inner kernel of the
/// GEMM-style assignment. Rows left over use <see cref="TensorPrimitives.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.
/// </summary>
internal static class DotKernel
{
    /// <summary>dots[t] = x · centroids[(j0 + t)·d ..][..d] for t &lt; count.</summary>
    public static void OneByMany<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> centroids, int d, int j0, int count, Span<T> dots)
        where T : unmanaged, INumber<T>
    {
        int w = Vector<T>.Count;
        int vecEnd = Vector.IsHardwareAccelerated ? d - d % w : 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        int t = 0;
        if (x.Length < d || centroids.Length < (long)(j0 + count) * d || dots.Length < count)
            throw new ArgumentException("Spans too short for the requested block.");
        for (; t + 4 <= count; t += 4)
        {
            ref T c0 = ref MemoryMarshal.GetReference(centroids.Slice((j0 + t) * d, d));
            ref T c1 = ref MemoryMarshal.GetReference(centroids.Slice((j0 + t + 1) * d, d));
            ref T c2 = ref MemoryMarshal.GetReference(centroids.Slice((j0 + t + 2) * d, d));
            ref T c3 = ref MemoryMarshal.GetReference(centroids.Slice((j0 + t + 3) * d, d));
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
            int f = 0;
            for (; f < vecEnd; f += w)
            {
                var xv = Vector.LoadUnsafe(ref xr, (nuint)f);
                a0 += xv * Vector.LoadUnsafe(ref c0, (nuint)f);
                a1 += xv * Vector.LoadUnsafe(ref c1, (nuint)f);
                a2 += xv * Vector.LoadUnsafe(ref c2, (nuint)f);
                a3 += xv * Vector.LoadUnsafe(ref c3, (nuint)f);
            }
            T s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
            for (; f < d; f++)
            {
                T xv = x[f];
                s0 += xv * centroids[(j0 + t) * d + f];
                s1 += xv * centroids[(j0 + t + 1) * d + f];
                s2 += xv * centroids[(j0 + t + 2) * d + f];
                s3 += xv * centroids[(j0 + t + 3) * d + f];
            }
            dots[t] = s0;
            dots[t + 1] = s1;
            dots[t + 2] = s2;
            dots[t + 3] = s3;
        }
        for (; t < count; t++) dots[t] = TensorPrimitives.Dot(x[..d], centroids.Slice((j0 + t) * d, d));
    }
}

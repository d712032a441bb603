using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RadiologyNet.Clustering;

/// <summary>
/// The register-blocked micro-kernel of <see cref="NearestCentroid.Assign"/>: 4 points × 4 centroids at a time,
/// sixteen SIMD accumulators fed by fused multiply-adds (<see cref="Vector512"/> when the CPU has AVX-512, else
/// <see cref="Vector256"/>), reading the centroids from a <see cref="PackedCentroids"/> panel — the structure of a
/// BLAS SGEMM kernel (Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix multiplication", ACM TOMS
/// 34(3)), fused with the argmin of ‖c‖² − 2x·c so the n × k dot products never reach memory.
/// </summary>
internal static unsafe class AssignKernel
{
    /// <summary>The SIMD width in floats the kernel uses on this CPU.</summary>
    public static int Width => Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;

    /// <summary>Labels and squared distances of points [p0, p1).</summary>
    public static void AssignRange(ReadOnlySpan<float> data, int d, int p0, int p1, PackedCentroids packed, Span<int> labels, Span<float> squared)
    {
        Span<float> dots = stackalloc float[16];
        fixed (float* x = data, panel = packed.Panel)
        {
            int p = p0;
            for (; p + 4 <= p1; p += 4)
            {
                float* x0 = x + (long)p * d;
                float b0 = float.PositiveInfinity, b1 = b0, b2 = b0, b3 = b0;
                int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                for (int g = 0; g < packed.Groups; g++)
                {
                    float* c = panel + (long)g * 4 * packed.VectorD;
                    if (Vector512.IsHardwareAccelerated) Dots4x4Avx512(x0, d, c, packed.VectorD, dots);
                    else Dots4x4Avx2(x0, d, c, packed.VectorD, dots);
                    if (packed.TailD > 0) AddTail(x0, d, 4, packed, g, dots);
                    for (int t = 0; t < 4; t++)
                    {
                        int j = g * 4 + t;
                        float cn = packed.Norms[j];
                        float v0 = cn - 2f * dots[t], v1 = cn - 2f * dots[4 + t], v2 = cn - 2f * dots[8 + t], v3 = cn - 2f * dots[12 + t];
                        if (v0 < b0) { b0 = v0; i0 = j; }
                        if (v1 < b1) { b1 = v1; i1 = j; }
                        if (v2 < b2) { b2 = v2; i2 = j; }
                        if (v3 < b3) { b3 = v3; i3 = j; }
                    }
                }
                Finish(data, d, p, i0, b0, labels, squared);
                Finish(data, d, p + 1, i1, b1, labels, squared);
                Finish(data, d, p + 2, i2, b2, labels, squared);
                Finish(data, d, p + 3, i3, b3, labels, squared);
            }
            for (; p < p1; p++)
            {
                float* xp = x + (long)p * d;
                float best = float.PositiveInfinity;
                int bi = 0;
                for (int g = 0; g < packed.Groups; g++)
                {
                    float* c = panel + (long)g * 4 * packed.VectorD;
                    Dots1x4(xp, c, packed.VectorD, packed.Width, dots);
                    if (packed.TailD > 0) AddTail(xp, d, 1, packed, g, dots);
                    for (int t = 0; t < 4; t++)
                    {
                        float v = packed.Norms[g * 4 + t] - 2f * dots[t];
                        if (v < best) { best = v; bi = g * 4 + t; }
                    }
                }
                Finish(data, d, p, bi, best, labels, squared);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ReadOnlySpan<float> data, int d, int p, int index, float best, Span<int> labels, Span<float> squared)
    {
        labels[p] = index;
        float sq = TensorPrimitives.SumOfSquares(data.Slice(p * d, d)) + best;
        squared[p] = sq > 0f ? sq : 0f;
    }

    /// <summary>dots[4·r + t] = x_r · c_t for the four rows at x (stride d) and the four interleaved centroids at c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots4x4Avx512(float* x, int d, float* c, int vd, Span<float> dots)
    {
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        float* x1 = x + d, x2 = x1 + d, x3 = x2 + d;
        for (int f = 0; f < vd; f += 16, c += 64)
        {
            var c0 = Vector512.Load(c);
            var c1 = Vector512.Load(c + 16);
            var c2 = Vector512.Load(c + 32);
            var c3 = Vector512.Load(c + 48);
            var v = Vector512.Load(x + f);
            a00 = Vector512.FusedMultiplyAdd(v, c0, a00); a01 = Vector512.FusedMultiplyAdd(v, c1, a01);
            a02 = Vector512.FusedMultiplyAdd(v, c2, a02); a03 = Vector512.FusedMultiplyAdd(v, c3, a03);
            v = Vector512.Load(x1 + f);
            a10 = Vector512.FusedMultiplyAdd(v, c0, a10); a11 = Vector512.FusedMultiplyAdd(v, c1, a11);
            a12 = Vector512.FusedMultiplyAdd(v, c2, a12); a13 = Vector512.FusedMultiplyAdd(v, c3, a13);
            v = Vector512.Load(x2 + f);
            a20 = Vector512.FusedMultiplyAdd(v, c0, a20); a21 = Vector512.FusedMultiplyAdd(v, c1, a21);
            a22 = Vector512.FusedMultiplyAdd(v, c2, a22); a23 = Vector512.FusedMultiplyAdd(v, c3, a23);
            v = Vector512.Load(x3 + f);
            a30 = Vector512.FusedMultiplyAdd(v, c0, a30); a31 = Vector512.FusedMultiplyAdd(v, c1, a31);
            a32 = Vector512.FusedMultiplyAdd(v, c2, a32); a33 = Vector512.FusedMultiplyAdd(v, c3, a33);
        }
        dots[0] = Vector512.Sum(a00); dots[1] = Vector512.Sum(a01); dots[2] = Vector512.Sum(a02); dots[3] = Vector512.Sum(a03);
        dots[4] = Vector512.Sum(a10); dots[5] = Vector512.Sum(a11); dots[6] = Vector512.Sum(a12); dots[7] = Vector512.Sum(a13);
        dots[8] = Vector512.Sum(a20); dots[9] = Vector512.Sum(a21); dots[10] = Vector512.Sum(a22); dots[11] = Vector512.Sum(a23);
        dots[12] = Vector512.Sum(a30); dots[13] = Vector512.Sum(a31); dots[14] = Vector512.Sum(a32); dots[15] = Vector512.Sum(a33);
    }

    /// <summary>As <see cref="Dots4x4Avx512"/> with 256-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots4x4Avx2(float* x, int d, float* c, int vd, Span<float> dots)
    {
        Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector256<float> a30 = default, a31 = default, a32 = default, a33 = default;
        float* x1 = x + d, x2 = x1 + d, x3 = x2 + d;
        for (int f = 0; f < vd; f += 8, c += 32)
        {
            var c0 = Vector256.Load(c);
            var c1 = Vector256.Load(c + 8);
            var c2 = Vector256.Load(c + 16);
            var c3 = Vector256.Load(c + 24);
            var v = Vector256.Load(x + f);
            a00 = Vector256.FusedMultiplyAdd(v, c0, a00); a01 = Vector256.FusedMultiplyAdd(v, c1, a01);
            a02 = Vector256.FusedMultiplyAdd(v, c2, a02); a03 = Vector256.FusedMultiplyAdd(v, c3, a03);
            v = Vector256.Load(x1 + f);
            a10 = Vector256.FusedMultiplyAdd(v, c0, a10); a11 = Vector256.FusedMultiplyAdd(v, c1, a11);
            a12 = Vector256.FusedMultiplyAdd(v, c2, a12); a13 = Vector256.FusedMultiplyAdd(v, c3, a13);
            v = Vector256.Load(x2 + f);
            a20 = Vector256.FusedMultiplyAdd(v, c0, a20); a21 = Vector256.FusedMultiplyAdd(v, c1, a21);
            a22 = Vector256.FusedMultiplyAdd(v, c2, a22); a23 = Vector256.FusedMultiplyAdd(v, c3, a23);
            v = Vector256.Load(x3 + f);
            a30 = Vector256.FusedMultiplyAdd(v, c0, a30); a31 = Vector256.FusedMultiplyAdd(v, c1, a31);
            a32 = Vector256.FusedMultiplyAdd(v, c2, a32); a33 = Vector256.FusedMultiplyAdd(v, c3, a33);
        }
        dots[0] = Vector256.Sum(a00); dots[1] = Vector256.Sum(a01); dots[2] = Vector256.Sum(a02); dots[3] = Vector256.Sum(a03);
        dots[4] = Vector256.Sum(a10); dots[5] = Vector256.Sum(a11); dots[6] = Vector256.Sum(a12); dots[7] = Vector256.Sum(a13);
        dots[8] = Vector256.Sum(a20); dots[9] = Vector256.Sum(a21); dots[10] = Vector256.Sum(a22); dots[11] = Vector256.Sum(a23);
        dots[12] = Vector256.Sum(a30); dots[13] = Vector256.Sum(a31); dots[14] = Vector256.Sum(a32); dots[15] = Vector256.Sum(a33);
    }

    /// <summary>One point against four interleaved centroids (the n mod 4 leftover points).</summary>
    private static void Dots1x4(float* x, float* c, int vd, int width, Span<float> dots)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int f = 0; f < vd; f += 16, c += 64)
            {
                var v = Vector512.Load(x + f);
                a0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(c), a0);
                a1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(c + 16), a1);
                a2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(c + 32), a2);
                a3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(c + 48), a3);
            }
            dots[0] = Vector512.Sum(a0); dots[1] = Vector512.Sum(a1); dots[2] = Vector512.Sum(a2); dots[3] = Vector512.Sum(a3);
        }
        else
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int f = 0; f < vd; f += 8, c += 32)
            {
                var v = Vector256.Load(x + f);
                a0 = Vector256.FusedMultiplyAdd(v, Vector256.Load(c), a0);
                a1 = Vector256.FusedMultiplyAdd(v, Vector256.Load(c + 8), a1);
                a2 = Vector256.FusedMultiplyAdd(v, Vector256.Load(c + 16), a2);
                a3 = Vector256.FusedMultiplyAdd(v, Vector256.Load(c + 24), a3);
            }
            dots[0] = Vector256.Sum(a0); dots[1] = Vector256.Sum(a1); dots[2] = Vector256.Sum(a2); dots[3] = Vector256.Sum(a3);
        }
    }

    /// <summary>Adds the features past the vectorised prefix (d mod W of them) to the dots of <paramref name="rows"/> rows.</summary>
    private static void AddTail(float* x, int d, int rows, PackedCentroids packed, int g, Span<float> dots)
    {
        int td = packed.TailD, vd = packed.VectorD;
        for (int r = 0; r < rows; r++)
            for (int t = 0; t < 4; t++)
            {
                float s = 0;
                int j = g * 4 + t;
                for (int f = 0; f < td; f++) s += x[(long)r * d + vd + f] * packed.Tail[j * td + f];
                dots[r * 4 + t] += s;
            }
    }
}

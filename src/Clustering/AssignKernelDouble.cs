using System.Runtime.Intrinsics;

namespace RadiologyNet.Clustering;

/// <summary>
/// The float64 counterpart of <see cref="AssignKernel"/> for <see cref="Lloyd"/>: labels by argmin of ‖c‖² − 2x·c
/// (lowest index on ties) with a 4-point × 4-centre <see cref="Vector512"/> FMA micro-kernel over an interleaved
/// centre panel (GEMM-style register blocking, Goto &amp; van de Geijn 2008). Only the summation order of the dot
/// products differs from a plain loop, far below the label margins of the reference sets.
/// Used when AVX-512 is available and d ≥ 8.
/// </summary>
internal static unsafe class AssignKernelDouble
{
    private const int W = 8;

    /// <summary>Whether the kernel can run here for dimension d.</summary>
    public static bool Supported(int d) => Vector512.IsHardwareAccelerated && d >= W;

    /// <summary>labels[p] = argmin_j (cNorm[j] − 2 x_p·c_j) for all n points.</summary>
    public static void Labels(double[] x, int n, int d, double[] centers, int k, double[] cNorm, int[] labels)
    {
        int groups = (k + 3) / 4, vd = d - d % W, td = d - vd;
        var panel = new double[groups * 4 * vd];
        var norms = new double[groups * 4];
        Array.Fill(norms, double.PositiveInfinity);
        for (int j = 0; j < k; j++)
        {
            norms[j] = cNorm[j];
            int g = j / 4, lane = j % 4;
            for (int b = 0; b < vd; b += W)
                Array.Copy(centers, j * d + b, panel, g * 4 * vd + b * 4 + lane * W, W);
        }
        Span<double> dots = stackalloc double[16];
        fixed (double* xs = x, pn = panel, cs = centers)
        {
            int p = 0;
            for (; p < n; p += 4)
            {
                int rows = Math.Min(4, n - p);
                double* x0 = xs + (long)p * d;
                // rows past n reuse the last row (results discarded)
                double* x1 = x0 + (rows > 1 ? d : 0), x2 = x0 + (rows > 2 ? 2 * d : 0), x3 = x0 + (rows > 3 ? 3 * d : 0);
                double b0 = double.PositiveInfinity, b1 = b0, b2 = b0, b3 = b0;
                int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                for (int g = 0; g < groups; g++)
                {
                    Dots4x4(x0, x1, x2, x3, pn + (long)g * 4 * vd, vd, dots);
                    for (int t = 0; t < 4; t++)
                    {
                        int j = g * 4 + t;
                        if (td > 0 && j < k)
                        {
                            double* c = cs + (long)j * d + vd;
                            for (int f = 0; f < td; f++)
                            {
                                dots[t] += x0[vd + f] * c[f];
                                dots[4 + t] += x1[vd + f] * c[f];
                                dots[8 + t] += x2[vd + f] * c[f];
                                dots[12 + t] += x3[vd + f] * c[f];
                            }
                        }
                        double cn = norms[j];
                        double v0 = cn + -2.0 * dots[t], v1 = cn + -2.0 * dots[4 + t], v2 = cn + -2.0 * dots[8 + t], v3 = cn + -2.0 * dots[12 + t];
                        if (v0 < b0) { b0 = v0; i0 = j; }
                        if (v1 < b1) { b1 = v1; i1 = j; }
                        if (v2 < b2) { b2 = v2; i2 = j; }
                        if (v3 < b3) { b3 = v3; i3 = j; }
                    }
                }
                labels[p] = i0;
                if (rows > 1) labels[p + 1] = i1;
                if (rows > 2) labels[p + 2] = i2;
                if (rows > 3) labels[p + 3] = i3;
            }
        }
    }

    private static void Dots4x4(double* x0, double* x1, double* x2, double* x3, double* c, int vd, Span<double> dots)
    {
        Vector512<double> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<double> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<double> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<double> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int f = 0; f < vd; f += W, c += 4 * W)
        {
            var c0 = Vector512.Load(c);
            var c1 = Vector512.Load(c + W);
            var c2 = Vector512.Load(c + 2 * W);
            var c3 = Vector512.Load(c + 3 * W);
            var v = Vector512.Load(x0 + f);
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
}

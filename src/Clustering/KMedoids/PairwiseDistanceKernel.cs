using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// All pairwise float32 distances of n row-major vectors into a full n × n matrix, blocked like a GEMM
/// micro-kernel (Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix multiplication", ACM TOMS
/// 34(3):12): the vectors are copied once feature-major, and a 4-row × 16-column tile of the lower triangle is
/// accumulated in eight SIMD registers over the features (broadcast x_i[f], subtract the 16 x_j[f], then a fused
/// multiply-add for squared differences or an absolute value for Manhattan). Each tile is stored once in place and
/// once transposed, so only the lower triangle is computed and no separate mirroring pass re-reads the matrix.
/// Row blocks can run on several threads. Values are float32 sums in feature order with FMA: not R-exact (use
/// <see cref="DenseDissimilarity"/> for that), within a few float ulps of the double value.
/// </summary>
internal static class PairwiseDistanceKernel
{
    private const int Rows = 4, Cols = 16, BlockRows = 16;

    /// <summary>Fills <paramref name="output"/> (n × n) with d(x_i, x_j). Euclidean, squared Euclidean and Manhattan.</summary>
    public static void Fill(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric, float[] output, int threads)
    {
        int nPad = (n + Cols - 1) / Cols * Cols;
        var cols = GC.AllocateUninitializedArray<float>(d * nPad); // feature-major, zero padded: cols[f * nPad + j] = x[j, f]
        Array.Clear(cols);
        for (int j = 0; j < n; j++)
            for (int f = 0; f < d; f++) cols[f * nPad + j] = data[j * d + f];
        var rows = data[..(n * d)].ToArray();
        int kind = Kind(metric);
        int blocks = (n + BlockRows - 1) / BlockRows;
        if (threads <= 1 || blocks < 2)
        {
            for (int b = 0; b < blocks; b++) Block(rows, cols, n, nPad, d, kind, output, b);
        }
        else
        {
            // largest (longest-row) blocks first, handed out one at a time: the triangle's work is uneven
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
            Parallel.For(0, blocks, options, t => Block(rows, cols, n, nPad, d, kind, output, blocks - 1 - t));
        }
    }

    /// <summary>
    /// Σ over all n vectors of the distance to the nearest of <paramref name="medoids"/> (object indices), with the
    /// same 4 × 16 tiles: the points are the tile rows and a feature-major panel of the medoids the columns (the
    /// blocked nearest-centroid pattern). Float distances, double sum in object order. Used by CLARA to compare samples.
    /// </summary>
    public static double NearestCost(float[] data, int n, int d, DissimilarityMetric metric, ReadOnlySpan<int> medoids)
    {
        int kind = Kind(metric);
        int k = medoids.Length, kPad = (k + Cols - 1) / Cols * Cols;
        var panel = new float[d * kPad];
        for (int c = 0; c < k; c++)
            for (int f = 0; f < d; f++) panel[f * kPad + c] = data[medoids[c] * d + f];
        Span<float> tile = stackalloc float[Rows * Cols];
        Span<float> best = stackalloc float[Rows];
        double cost = 0;
        for (int i0 = 0; i0 < n; i0 += Rows)
        {
            int rowsHere = Math.Min(Rows, n - i0);
            best.Fill(float.PositiveInfinity);
            for (int j0 = 0; j0 < kPad; j0 += Cols)
            {
                Tile(data, panel, kPad, d, kind, i0, rowsHere, j0, tile);
                int width = Math.Min(Cols, k - j0);
                for (int r = 0; r < rowsHere; r++)
                    for (int c = 0; c < width; c++)
                        best[r] = Math.Min(best[r], tile[r * Cols + c]);
            }
            for (int r = 0; r < rowsHere; r++) cost += best[r];
        }
        return cost;
    }

    private static int Kind(DissimilarityMetric metric) => metric switch
    {
        DissimilarityMetric.Euclidean => 0,
        DissimilarityMetric.SquaredEuclidean => 1,
        DissimilarityMetric.Manhattan => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "The float kernel handles Euclidean, squared Euclidean and Manhattan."),
    };

    private static void Block(float[] rows, float[] cols, int n, int nPad, int d, int kind, float[] output, int block)
    {
        int end = Math.Min(n, (block + 1) * BlockRows);
        Span<float> tile = stackalloc float[Rows * Cols];
        for (int i0 = block * BlockRows; i0 < end; i0 += Rows)
        {
            int rowsHere = Math.Min(Rows, n - i0);
            int jEnd = i0 + rowsHere; // columns 0..jEnd−1 cover the lower triangle (and diagonal) of these rows
            for (int j0 = 0; j0 < jEnd; j0 += Cols)
            {
                Tile(rows, cols, nPad, d, kind, i0, rowsHere, j0, tile);
                int width = Math.Min(Cols, n - j0);
                for (int r = 0; r < rowsHere; r++)
                {
                    int i = i0 + r;
                    long rowBase = (long)i * n;
                    int w = Math.Min(width, i + 1 - j0); // j ≤ i
                    for (int c = 0; c < w; c++)
                    {
                        float v = tile[r * Cols + c];
                        output[rowBase + j0 + c] = v;
                        output[(long)(j0 + c) * n + i] = v;
                    }
                }
            }
        }
    }

    /// <summary>The 4 × 16 tile of rows i0.. and columns j0.. (rows past n repeat the last row; they are not stored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(float[] rows, float[] cols, int nPad, int d, int kind, int i0, int rowsHere, int j0, Span<float> tile)
    {
        ref float c0 = ref MemoryMarshal.GetArrayDataReference(cols);
        ref float x0 = ref MemoryMarshal.GetArrayDataReference(rows);
        int i1 = i0 + Math.Min(1, rowsHere - 1), i2 = i0 + Math.Min(2, rowsHere - 1), i3 = i0 + Math.Min(3, rowsHere - 1);
        ref float r0 = ref Unsafe.Add(ref x0, (nint)i0 * d);
        ref float r1 = ref Unsafe.Add(ref x0, (nint)i1 * d);
        ref float r2 = ref Unsafe.Add(ref x0, (nint)i2 * d);
        ref float r3 = ref Unsafe.Add(ref x0, (nint)i3 * d);
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default,
                         a20 = default, a21 = default, a30 = default, a31 = default;
        nint p = j0;
        if (kind == 2)
        {
            for (int f = 0; f < d; f++, p += nPad)
            {
                var y0 = Vector256.LoadUnsafe(ref c0, (nuint)p);
                var y1 = Vector256.LoadUnsafe(ref c0, (nuint)(p + 8));
                var b = Vector256.Create(Unsafe.Add(ref r0, f));
                a00 += Vector256.Abs(b - y0); a01 += Vector256.Abs(b - y1);
                b = Vector256.Create(Unsafe.Add(ref r1, f));
                a10 += Vector256.Abs(b - y0); a11 += Vector256.Abs(b - y1);
                b = Vector256.Create(Unsafe.Add(ref r2, f));
                a20 += Vector256.Abs(b - y0); a21 += Vector256.Abs(b - y1);
                b = Vector256.Create(Unsafe.Add(ref r3, f));
                a30 += Vector256.Abs(b - y0); a31 += Vector256.Abs(b - y1);
            }
        }
        else
        {
            for (int f = 0; f < d; f++, p += nPad)
            {
                var y0 = Vector256.LoadUnsafe(ref c0, (nuint)p);
                var y1 = Vector256.LoadUnsafe(ref c0, (nuint)(p + 8));
                var b = Vector256.Create(Unsafe.Add(ref r0, f));
                var e0 = b - y0; var e1 = b - y1;
                a00 = Vector256.FusedMultiplyAdd(e0, e0, a00); a01 = Vector256.FusedMultiplyAdd(e1, e1, a01);
                b = Vector256.Create(Unsafe.Add(ref r1, f));
                e0 = b - y0; e1 = b - y1;
                a10 = Vector256.FusedMultiplyAdd(e0, e0, a10); a11 = Vector256.FusedMultiplyAdd(e1, e1, a11);
                b = Vector256.Create(Unsafe.Add(ref r2, f));
                e0 = b - y0; e1 = b - y1;
                a20 = Vector256.FusedMultiplyAdd(e0, e0, a20); a21 = Vector256.FusedMultiplyAdd(e1, e1, a21);
                b = Vector256.Create(Unsafe.Add(ref r3, f));
                e0 = b - y0; e1 = b - y1;
                a30 = Vector256.FusedMultiplyAdd(e0, e0, a30); a31 = Vector256.FusedMultiplyAdd(e1, e1, a31);
            }
            if (kind == 0)
            {
                a00 = Vector256.Sqrt(a00); a01 = Vector256.Sqrt(a01); a10 = Vector256.Sqrt(a10); a11 = Vector256.Sqrt(a11);
                a20 = Vector256.Sqrt(a20); a21 = Vector256.Sqrt(a21); a30 = Vector256.Sqrt(a30); a31 = Vector256.Sqrt(a31);
            }
        }
        ref float t = ref MemoryMarshal.GetReference(tile);
        a00.StoreUnsafe(ref t, 0); a01.StoreUnsafe(ref t, 8);
        a10.StoreUnsafe(ref t, 16); a11.StoreUnsafe(ref t, 24);
        a20.StoreUnsafe(ref t, 32); a21.StoreUnsafe(ref t, 40);
        a30.StoreUnsafe(ref t, 48); a31.StoreUnsafe(ref t, 56);
    }
}

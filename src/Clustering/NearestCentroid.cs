using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Nearest-centroid assignment under squared Euclidean distance, blocked like a GEMM: the distance is expanded
/// as ‖x‖² − 2x·c + ‖c‖² (the standard trick of BLAS-backed k-means, e.g. scikit-learn's
/// <c>_update_chunk_dense</c>), norms are computed once, and points and centroids are walked in cache-sized tiles
/// so each centroid tile stays in L2 while a tile of points streams past it. Dot products use
/// <see cref="TensorPrimitives"/>. Negative results of the expansion (cancellation) are clamped to 0.
/// Ties go to the lowest centroid index.
/// </summary>
public static class NearestCentroid
{
    /// <summary>Points per tile.</summary>
    internal const int PointTile = 64;

    /// <summary>Bytes of centroid data per tile (about half a typical L2).</summary>
    internal const int CentroidTileBytes = 256 * 1024;

    /// <summary>
    /// Labels each of the <paramref name="n"/> points (rows of <paramref name="data"/>, n × d) with its nearest of the
    /// <paramref name="k"/> centroids (k × d) and writes the squared distance to it.
    /// </summary>
    public static void Assign(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<float> centroids, int k,
        Span<int> labels, Span<float> squaredDistances, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Validate(data, n, d, centroids, k);
        if (labels.Length < n) throw new ArgumentException($"labels holds {labels.Length} < n = {n} entries.", nameof(labels));
        if (squaredDistances.Length < n)
            throw new ArgumentException($"squaredDistances holds {squaredDistances.Length} < n = {n} entries.", nameof(squaredDistances));
        if (n == 0) return;

        float[] cNorm = new float[k];
        for (int j = 0; j < k; j++) cNorm[j] = TensorPrimitives.SumOfSquares(centroids.Slice(j * d, d));
        int centroidTile = Math.Clamp(CentroidTileBytes / Math.Max(1, d * sizeof(float)), 1, k);

        Span<float> xNorm = stackalloc float[PointTile];
        Span<float> best = stackalloc float[PointTile];
        Span<int> bestIndex = stackalloc int[PointTile];
        float[] dots = new float[centroidTile];
        for (int p0 = 0; p0 < n; p0 += PointTile)
        {
            int pn = Math.Min(PointTile, n - p0);
            for (int p = 0; p < pn; p++)
            {
                xNorm[p] = TensorPrimitives.SumOfSquares(data.Slice((p0 + p) * d, d));
                best[p] = float.PositiveInfinity;
                bestIndex[p] = 0;
            }
            for (int c0 = 0; c0 < k; c0 += centroidTile)
            {
                int cn = Math.Min(centroidTile, k - c0);
                for (int p = 0; p < pn; p++)
                {
                    var x = data.Slice((p0 + p) * d, d);
                    float b = best[p];
                    int bi = bestIndex[p];
                    DotKernel.OneByMany(x, centroids, d, c0, cn, dots);
                    for (int t = 0; t < cn; t++)
                    {
                        float dist = cNorm[c0 + t] - 2f * dots[t];
                        if (dist < b) { b = dist; bi = c0 + t; }
                    }
                    best[p] = b;
                    bestIndex[p] = bi;
                }
            }
            for (int p = 0; p < pn; p++)
            {
                labels[p0 + p] = bestIndex[p];
                float sq = xNorm[p] + best[p];
                squaredDistances[p0 + p] = sq > 0f ? sq : 0f;
            }
        }
    }

    /// <summary>
    /// The nearest of <paramref name="k"/> centroids to one point (d = point.Length), by direct differences
    /// (more accurate than the expansion; on near-ties it may pick differently from <see cref="Assign"/>).
    /// </summary>
    public static int Nearest(ReadOnlySpan<float> point, ReadOnlySpan<float> centroids, int k, out float squaredDistance)
    {
        int d = point.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (centroids.Length < (long)k * d)
            throw new ArgumentException($"centroids holds {centroids.Length} < k·d = {(long)k * d} values.", nameof(centroids));
        int bestIndex = 0;
        float best = float.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            float dist = Distances.SquaredEuclidean(point, centroids.Slice(j * d, d));
            if (dist < best) { best = dist; bestIndex = j; }
        }
        squaredDistance = best;
        return bestIndex;
    }

    internal static void Validate(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<float> centroids, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (data.Length < (long)n * d)
            throw new ArgumentException($"data holds {data.Length} < n·d = {(long)n * d} values.", nameof(data));
        if (centroids.Length < (long)k * d)
            throw new ArgumentException($"centroids holds {centroids.Length} < k·d = {(long)k * d} values.", nameof(centroids));
    }
}

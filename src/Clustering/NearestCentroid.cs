using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Nearest-centroid assignment under squared Euclidean distance, computed like a GEMM: the distance is expanded
/// as ‖x‖² − 2x·c + ‖c‖² (the standard trick of BLAS-backed k-means, e.g. scikit-learn's
/// <c>_update_chunk_dense</c>), the centroids are packed once into an interleaved panel that stays in L2, and a
/// 4-point × 4-centroid FMA micro-kernel (<see cref="AssignKernel"/>) produces the dot products and the argmin in
/// registers. Points are split into chunks of <see cref="ChunkPoints"/> that run on up to <c>parallelism</c>
/// threads; each point's result does not depend on the thread count. Negative results of the expansion
/// (cancellation) are clamped to 0. Ties go to the lowest centroid index.
/// </summary>
public static class NearestCentroid
{
    /// <summary>Points per parallel work item (a multiple of the kernel's 4 rows).</summary>
    internal const int ChunkPoints = 1024;

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

        var packed = new PackedCentroids(centroids, k, d, AssignKernel.Width);
        int chunks = (n + ChunkPoints - 1) / ChunkPoints;
        if (parallelism == 1 || chunks == 1)
        {
            AssignKernel.AssignRange(data, d, 0, n, packed, labels, squaredDistances);
            return;
        }
        unsafe
        {
            fixed (float* x = data)
            fixed (int* l = labels)
            fixed (float* s = squaredDistances)
            {
                nint xp = (nint)x, lp = (nint)l, sp = (nint)s;
                long dataLength = (long)n * d;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, c =>
                {
                    int p0 = c * ChunkPoints, p1 = Math.Min(n, p0 + ChunkPoints);
                    var xs = new ReadOnlySpan<float>((float*)xp, checked((int)dataLength));
                    AssignKernel.AssignRange(xs, d, p0, p1, packed, new Span<int>((int*)lp, n), new Span<float>((float*)sp, n));
                });
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

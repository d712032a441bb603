using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Point-to-point distances on float vectors, built on <see cref="TensorPrimitives"/> (SIMD). Partial sums are
/// taken over chunks of 512 elements and accumulated in double, so long vectors do not lose precision.
/// </summary>
public static class Distances
{
    private const int Chunk = 512;

    /// <summary>Σ (x_i − y_i)².</summary>
    public static float SquaredEuclidean(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        if (x.Length <= Chunk)
        {
            Span<float> diff = stackalloc float[x.Length];
            TensorPrimitives.Subtract(x, y, diff);
            return TensorPrimitives.SumOfSquares<float>(diff);
        }
        Span<float> buf = stackalloc float[Chunk];
        double sum = 0;
        for (int o = 0; o < x.Length; o += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - o);
            var d = buf[..len];
            TensorPrimitives.Subtract(x.Slice(o, len), y.Slice(o, len), d);
            sum += TensorPrimitives.SumOfSquares<float>(d);
        }
        return (float)sum;
    }

    /// <summary>√Σ (x_i − y_i)².</summary>
    public static float Euclidean(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => MathF.Sqrt(SquaredEuclidean(x, y));

    /// <summary>Σ |x_i − y_i| (L1, city block).</summary>
    public static float Manhattan(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        Span<float> buf = stackalloc float[Math.Min(Chunk, x.Length)];
        double sum = 0;
        for (int o = 0; o < x.Length; o += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - o);
            var d = buf[..len];
            TensorPrimitives.Subtract(x.Slice(o, len), y.Slice(o, len), d);
            sum += TensorPrimitives.SumOfMagnitudes<float>(d);
        }
        return (float)sum;
    }

    /// <summary>
    /// Cosine distance 1 − x·y / (‖x‖‖y‖), in [0, 2]. As scikit-learn's <c>cosine_distances</c>, a zero vector has
    /// similarity 0 to everything (distance 1), rather than NaN.
    /// </summary>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        double dot = 0, xx = 0, yy = 0;
        for (int o = 0; o < x.Length; o += Chunk)
        {
            int len = Math.Min(Chunk, x.Length - o);
            var xs = x.Slice(o, len);
            var ys = y.Slice(o, len);
            dot += TensorPrimitives.Dot(xs, ys);
            xx += TensorPrimitives.SumOfSquares(xs);
            yy += TensorPrimitives.SumOfSquares(ys);
        }
        if (xx == 0 || yy == 0) return 1f;
        double similarity = dot / (Math.Sqrt(xx) * Math.Sqrt(yy));
        return (float)Math.Clamp(1.0 - similarity, 0.0, 2.0);
    }

    private static void CheckLengths(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"Vectors differ in length ({x.Length} != {y.Length}).", nameof(y));
    }
}

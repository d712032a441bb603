namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// Dissimilarity of two float vectors computed in double, one feature after another, as R's <c>cluster</c>
/// package computes it (each float widened to double, then <c>√Σ(x−y)²</c> or <c>Σ|x−y|</c> in index order).
/// Bit-identical to R's values, which is what lets PAM reproduce <c>cluster::pam</c>'s choices exactly.
/// </summary>
public static class VectorDistance
{
    /// <summary>The dissimilarity of <paramref name="x"/> and <paramref name="y"/> under <paramref name="metric"/>.</summary>
    public static double Compute(ReadOnlySpan<float> x, ReadOnlySpan<float> y, DissimilarityMetric metric)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Vectors differ in length ({x.Length} != {y.Length}).", nameof(y));
        switch (metric)
        {
            case DissimilarityMetric.Euclidean: return Math.Sqrt(SumOfSquares(x, y));
            case DissimilarityMetric.SquaredEuclidean: return SumOfSquares(x, y);
            case DissimilarityMetric.Manhattan:
            {
                double s = 0;
                for (int f = 0; f < x.Length; f++) s += Math.Abs((double)x[f] - y[f]);
                return s;
            }
            case DissimilarityMetric.Cosine:
            {
                double dot = 0, xx = 0, yy = 0;
                for (int f = 0; f < x.Length; f++)
                {
                    double a = x[f], b = y[f];
                    dot += a * b;
                    xx += a * a;
                    yy += b * b;
                }
                if (xx == 0 || yy == 0) return 1.0;
                return Math.Clamp(1.0 - dot / (Math.Sqrt(xx) * Math.Sqrt(yy)), 0.0, 2.0);
            }
            default: throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }
    }

    private static double SumOfSquares(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double s = 0;
        for (int f = 0; f < x.Length; f++)
        {
            double diff = (double)x[f] - y[f];
            s += diff * diff;
        }
        return s;
    }

    /// <summary>
    /// d(x_i, x_j) for j = 0..out.Length−1 into <paramref name="output"/>, bit-identical to <see cref="Compute"/>
    /// but with the metric dispatched once per row.
    /// </summary>
    internal static void Row(ReadOnlySpan<float> data, int d, int i, DissimilarityMetric metric, Span<double> output)
    {
        var xi = data.Slice(i * d, d);
        switch (metric)
        {
            case DissimilarityMetric.Euclidean:
            case DissimilarityMetric.SquaredEuclidean:
                for (int j = 0; j < output.Length; j++)
                {
                    var xj = data.Slice(j * d, d);
                    double s = 0;
                    for (int f = 0; f < xi.Length; f++)
                    {
                        double diff = (double)xi[f] - xj[f];
                        s += diff * diff;
                    }
                    output[j] = metric == DissimilarityMetric.Euclidean ? Math.Sqrt(s) : s;
                }
                break;
            case DissimilarityMetric.Manhattan:
                for (int j = 0; j < output.Length; j++)
                {
                    var xj = data.Slice(j * d, d);
                    double s = 0;
                    for (int f = 0; f < xi.Length; f++) s += Math.Abs((double)xi[f] - xj[f]);
                    output[j] = s;
                }
                break;
            default:
                for (int j = 0; j < output.Length; j++) output[j] = Compute(xi, data.Slice(j * d, d), metric);
                break;
        }
    }

    internal static void CheckShape(ReadOnlySpan<float> data, int n, int d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        if (data.Length < (long)n * d)
            throw new ArgumentException($"data holds {data.Length} < n·d = {(long)n * d} values.", nameof(data));
    }
}

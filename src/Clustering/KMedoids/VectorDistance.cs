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

    /// <summary>
    /// The lower triangle of the n × n matrix (row i, columns 0..i−1) into <paramref name="values"/>, several
    /// columns j at once: the data are widened once into a feature-major double copy, and each lane sums its own
    /// pair's terms over the features in index order, multiply then add (no FMA), so every value is
    /// bit-identical to <see cref="Compute"/>. Euclidean, squared Euclidean and Manhattan only.
    /// </summary>
    internal static void LowerTriangleSimd(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric, double[] values)
    {
        var cols = new double[(long)d * n]; // feature-major: cols[f * n + j] = x[j, f]
        for (int j = 0; j < n; j++)
            for (int f = 0; f < d; f++) cols[(long)f * n + j] = data[j * d + f];
        int w = System.Numerics.Vector<double>.Count;
        bool manhattan = metric == DissimilarityMetric.Manhattan, root = metric == DissimilarityMetric.Euclidean;
        var xi = new double[d];
        for (int i = 1; i < n; i++)
        {
            for (int f = 0; f < d; f++) xi[f] = data[i * d + f];
            long rowStart = (long)i * n;
            int j = 0;
            for (; j + w <= i; j += w)
            {
                var s = System.Numerics.Vector<double>.Zero;
                for (int f = 0; f < d; f++)
                {
                    var diff = new System.Numerics.Vector<double>(xi[f]) - new System.Numerics.Vector<double>(cols, f * n + j);
                    s = manhattan ? s + System.Numerics.Vector.Abs(diff) : s + diff * diff;
                }
                if (root) s = System.Numerics.Vector.SquareRoot(s);
                s.CopyTo(values, (int)(rowStart + j));
            }
            for (; j < i; j++)
            {
                double s = 0;
                for (int f = 0; f < d; f++)
                {
                    double diff = xi[f] - cols[(long)f * n + j];
                    s += manhattan ? Math.Abs(diff) : diff * diff;
                }
                values[rowStart + j] = root ? Math.Sqrt(s) : s;
            }
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

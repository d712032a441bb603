namespace RadiologyNet.Client.Review;

/// <summary>
/// A seeded two-component PCA of row vectors, for the 2-D map of the review report.
/// </summary>
/// <remarks>
/// Method: principal component analysis (Pearson 1901; Hotelling 1933) by power iteration with deflation
/// (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §7.3.1 and §8.2). The rows are centred on their mean;
/// the first component is the unit vector v maximising ‖X̃v‖, found by iterating v ← X̃ᵀX̃v / ‖X̃ᵀX̃v‖ from a
/// start vector drawn from a SplitMix64 generator seeded with the given seed; the second is found the same way with
/// every iterate made orthogonal to the first (Gram–Schmidt), which is deflation for a symmetric matrix. The
/// covariance matrix is never formed: one iteration costs two passes over the rows, O(rows × dimension).
/// Iteration stops when the iterate moves by less than <see cref="Tolerance"/> or after <see cref="MaxIterations"/>.
/// Each component's sign is fixed so that its largest-magnitude coordinate is positive (the first such coordinate on a
/// tie), so the map does not flip with the seed. A direction without variance is the zero vector (all points at 0).
/// All arithmetic is in double precision; the same input and seed give bit-identical output.
/// </remarks>
public sealed class PcaProjection
{
    /// <summary>Convergence threshold on the Euclidean change of the unit iterate.</summary>
    public const double Tolerance = 1e-10;

    /// <summary>Most power iterations per component.</summary>
    public const int MaxIterations = 300;

    private PcaProjection(double[] mean, double[] first, double[] second, double variance1, double variance2, double totalVariance)
    {
        TotalVariance = totalVariance;
        Mean = mean;
        First = first;
        Second = second;
        Variance1 = variance1;
        Variance2 = variance2;
    }

    /// <summary>The mean row the data were centred on.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The first principal direction (unit length, or zero).</summary>
    public IReadOnlyList<double> First { get; }

    /// <summary>The second principal direction (unit length and orthogonal to <see cref="First"/>, or zero).</summary>
    public IReadOnlyList<double> Second { get; }

    /// <summary>Variance of the rows along <see cref="First"/> (population variance, divided by rows).</summary>
    public double Variance1 { get; }

    /// <summary>Variance of the rows along <see cref="Second"/>.</summary>
    public double Variance2 { get; }

    /// <summary>Total variance of the rows (sum over coordinates of the population variance).</summary>
    public double TotalVariance { get; }

    /// <summary>Fits the projection to <paramref name="rows"/> row-major vectors of <paramref name="dimension"/> floats.</summary>
    public static PcaProjection Fit(ReadOnlySpan<float> data, int rows, int dimension, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (data.Length < (long)rows * dimension)
            throw new ArgumentException($"{data.Length} floats cannot hold {rows} rows of {dimension}");
        var mean = new double[dimension];
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * dimension, dimension);
            for (var j = 0; j < dimension; j++) mean[j] += row[j];
        }
        if (rows > 0)
            for (var j = 0; j < dimension; j++) mean[j] /= rows;

        double total = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * dimension, dimension);
            for (var j = 0; j < dimension; j++) total += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        if (rows > 0) total /= rows;

        var random = new SplitMix64(seed);
        var first = PowerIterate(data, rows, dimension, mean, null, random);
        var second = PowerIterate(data, rows, dimension, mean, first, random);
        return new PcaProjection(mean, first, second, Variance(data, rows, dimension, mean, first), Variance(data, rows, dimension, mean, second), total);
    }

    /// <summary>Coordinates of one vector on the two components.</summary>
    public (double X, double Y) Project(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Mean.Count)
            throw new ArgumentException($"vector has {vector.Length} values, the projection {Mean.Count}");
        double x = 0, y = 0;
        for (var j = 0; j < vector.Length; j++)
        {
            var c = vector[j] - Mean[j];
            x += c * First[j];
            y += c * Second[j];
        }
        return (x, y);
    }

    /// <summary>Coordinates of every row.</summary>
    public (double X, double Y)[] ProjectRows(ReadOnlySpan<float> data, int rows)
    {
        var d = Mean.Count;
        var result = new (double, double)[rows];
        for (var r = 0; r < rows; r++) result[r] = Project(data.Slice(r * d, d));
        return result;
    }

    private static double[] PowerIterate(ReadOnlySpan<float> data, int rows, int d, double[] mean, double[]? orthogonalTo, SplitMix64 random)
    {
        var v = new double[d];
        for (var j = 0; j < d; j++) v[j] = random.NextDouble() * 2 - 1;
        if (!Normalise(v, orthogonalTo)) return new double[d];
        var next = new double[d];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(next);
            for (var r = 0; r < rows; r++)
            {
                var row = data.Slice(r * d, d);
                double s = 0;
                for (var j = 0; j < d; j++) s += (row[j] - mean[j]) * v[j];
                if (s == 0) continue;
                for (var j = 0; j < d; j++) next[j] += s * (row[j] - mean[j]);
            }
            if (!Normalise(next, orthogonalTo)) return new double[d];
            double change = 0;
            for (var j = 0; j < d; j++) change += (next[j] - v[j]) * (next[j] - v[j]);
            (v, next) = (next, v);
            if (Math.Sqrt(change) < Tolerance) break;
        }
        FixSign(v);
        return v;
    }

    /// <summary>Removes the component along <paramref name="orthogonalTo"/> and scales to unit length; false when nothing is left.</summary>
    private static bool Normalise(double[] v, double[]? orthogonalTo)
    {
        if (orthogonalTo is not null)
        {
            double dot = 0;
            for (var j = 0; j < v.Length; j++) dot += v[j] * orthogonalTo[j];
            for (var j = 0; j < v.Length; j++) v[j] -= dot * orthogonalTo[j];
        }
        double norm = 0;
        foreach (var x in v) norm += x * x;
        norm = Math.Sqrt(norm);
        if (norm < 1e-300 || double.IsNaN(norm)) return false;
        for (var j = 0; j < v.Length; j++) v[j] /= norm;
        return true;
    }

    private static void FixSign(double[] v)
    {
        var best = 0;
        for (var j = 1; j < v.Length; j++)
            if (Math.Abs(v[j]) > Math.Abs(v[best]) + 1e-12) best = j;
        if (v.Length > 0 && v[best] < 0)
            for (var j = 0; j < v.Length; j++) v[j] = -v[j];
    }

    private static double Variance(ReadOnlySpan<float> data, int rows, int d, double[] mean, double[] direction)
    {
        if (rows == 0) return 0;
        double sum = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * d, d);
            double s = 0;
            for (var j = 0; j < d; j++) s += (row[j] - mean[j]) * direction[j];
            sum += s * s;
        }
        return sum / rows;
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): a fixed, platform-independent stream for the start vectors.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// A condensed dissimilarity: the n(n−1)/2 off-diagonal values of a symmetric matrix, in the order of R's
/// <c>dist</c> and SciPy's <c>pdist</c> (pairs (i, j), i &lt; j, i-major). Half the memory of
/// <see cref="DenseDissimilarity"/>, at the price of an index computation per lookup.
/// </summary>
public readonly struct CondensedDissimilarity : IDissimilarity
{
    private readonly double[] _values;
    private readonly int _n;

    /// <summary>Wraps a condensed vector of n(n−1)/2 values.</summary>
    public CondensedDissimilarity(double[] values, int n)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        long expected = (long)n * (n - 1) / 2;
        if (values.LongLength != expected) throw new ArgumentException($"Expected n(n−1)/2 = {expected} values, got {values.LongLength}.", nameof(values));
        _values = values;
        _n = n;
    }

    /// <inheritdoc />
    public int Count => _n;

    /// <inheritdoc />
    public double this[int i, int j]
    {
        get
        {
            if (i == j) return 0;
            if (i > j) (i, j) = (j, i);
            return _values[Index(i, j, _n)];
        }
    }

    /// <summary>The underlying condensed values.</summary>
    public double[] Values => _values;

    private static long Index(int i, int j, int n) => (long)n * i - (long)i * (i + 1) / 2 + (j - i - 1);

    /// <summary>All pairwise dissimilarities of n row-major float vectors of dimension d (see <see cref="VectorDistance"/>).</summary>
    public static CondensedDissimilarity FromVectors(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric)
    {
        VectorDistance.CheckShape(data, n, d);
        var values = new double[(long)n * (n - 1) / 2];
        long p = 0;
        for (int i = 0; i < n; i++)
        {
            var xi = data.Slice(i * d, d);
            for (int j = i + 1; j < n; j++) values[p++] = VectorDistance.Compute(xi, data.Slice(j * d, d), metric);
        }
        return new CondensedDissimilarity(values, n);
    }
}

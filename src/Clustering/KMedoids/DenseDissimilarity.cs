namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// A full n × n dissimilarity matrix in double, row-major. The fastest storage for FasterPAM: a candidate's
/// row is read sequentially. Memory 8n² bytes (200 MB at n = 5,000).
/// </summary>
public readonly struct DenseDissimilarity : IDissimilarity
{
    private readonly double[] _values;
    private readonly int _n;

    /// <summary>Wraps <paramref name="values"/> (n × n, row-major, symmetric, zero diagonal; not checked beyond its length).</summary>
    public DenseDissimilarity(double[] values, int n)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (values.LongLength != (long)n * n) throw new ArgumentException($"Expected n² = {(long)n * n} values, got {values.LongLength}.", nameof(values));
        _values = values;
        _n = n;
    }

    /// <inheritdoc />
    public int Count => _n;

    /// <inheritdoc />
    public double this[int i, int j] => _values[(long)i * _n + j];

    /// <summary>Row <paramref name="i"/>: the dissimilarities of object i to every object.</summary>
    public ReadOnlySpan<double> Row(int i) => _values.AsSpan((int)((long)i * _n), _n);

    /// <summary>The underlying row-major values.</summary>
    public double[] Values => _values;

    /// <summary>All pairwise dissimilarities of n row-major float vectors of dimension d (see <see cref="VectorDistance"/>).</summary>
    public static DenseDissimilarity FromVectors(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric)
    {
        VectorDistance.CheckShape(data, n, d);
        if ((long)n * n > Array.MaxLength) throw new ArgumentException($"n = {n} is too large for a dense matrix; use CondensedDissimilarity or VectorDissimilarity.", nameof(n));
        var values = new double[(long)n * n];
        if (metric is DissimilarityMetric.Euclidean or DissimilarityMetric.SquaredEuclidean or DissimilarityMetric.Manhattan)
            VectorDistance.LowerTriangleSimd(data, n, d, metric, values);
        else
            for (int i = 1; i < n; i++)
                VectorDistance.Row(data, d, i, metric, values.AsSpan((int)((long)i * n), i)); // lower triangle, row by row
        MirrorLowerTriangle(values, n);
        return new DenseDissimilarity(values, n);
    }

    /// <summary>Copies the lower triangle onto the upper one, in cache-sized tiles.</summary>
    private static void MirrorLowerTriangle(double[] values, int n)
    {
        const int Tile = 64;
        for (int bi = 0; bi < n; bi += Tile)
            for (int bj = 0; bj <= bi; bj += Tile)
                for (int i = bi; i < Math.Min(bi + Tile, n); i++)
                    for (int j = bj; j < Math.Min(Math.Min(bj + Tile, n), i); j++)
                        values[(long)j * n + i] = values[(long)i * n + j];
    }

    /// <summary>Copies any dissimilarity into dense storage.</summary>
    public static DenseDissimilarity From<T>(in T source) where T : struct, IDissimilarity
    {
        int n = source.Count;
        var values = new double[(long)n * n];
        for (int i = 1; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double v = source[i, j];
                values[(long)i * n + j] = v;
                values[(long)j * n + i] = v;
            }
        return new DenseDissimilarity(values, n);
    }
}

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// Dissimilarities computed on the fly from n row-major float vectors of dimension d, with the SIMD kernels of
/// <see cref="Distances"/> (float arithmetic). No O(n²) memory: the storage for CLARA on large n, or for the
/// O(nk) assignment of all points to medoids. Each lookup costs O(d), so prefer dense storage when it fits.
/// </summary>
public readonly struct VectorDissimilarity : IDissimilarity
{
    private readonly float[] _data;
    private readonly int _n, _d;

    /// <summary>Wraps <paramref name="data"/> (n × d, row-major) under <paramref name="metric"/>.</summary>
    public VectorDissimilarity(float[] data, int n, int d, DissimilarityMetric metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        VectorDistance.CheckShape(data, n, d);
        _data = data;
        _n = n;
        _d = d;
        Metric = metric;
    }

    /// <summary>The row-major vectors.</summary>
    internal float[] Data => _data;

    /// <summary>The dimension d.</summary>
    internal int Dimension => _d;

    /// <summary>The metric.</summary>
    public DissimilarityMetric Metric { get; }

    /// <inheritdoc />
    public int Count => _n;

    /// <inheritdoc />
    public double this[int i, int j]
    {
        get
        {
            if (i == j) return 0;
            var x = new ReadOnlySpan<float>(_data, i * _d, _d);
            var y = new ReadOnlySpan<float>(_data, j * _d, _d);
            return Metric switch
            {
                DissimilarityMetric.Euclidean => Distances.Euclidean(x, y),
                DissimilarityMetric.Manhattan => Distances.Manhattan(x, y),
                DissimilarityMetric.SquaredEuclidean => Distances.SquaredEuclidean(x, y),
                DissimilarityMetric.Cosine => Distances.Cosine(x, y),
                _ => throw new InvalidOperationException($"Unknown metric {Metric}."),
            };
        }
    }
}

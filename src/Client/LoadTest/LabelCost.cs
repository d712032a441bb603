namespace RadiologyNet.Client.LoadTest;

/// <summary>
/// The k-means cost of a labelling, Σ‖x − mean of x's label‖², accumulated one vector at a time in O(k·d) memory:
/// Σ‖x‖² − Σ_c ‖S_c‖² / n_c, with S_c the sum of label c's vectors. Vectors without a label (negative) are skipped.
/// </summary>
public sealed class LabelCost(int labels, int dimension)
{
    private readonly double[] _sums = new double[labels * dimension];
    private readonly long[] _counts = new long[labels];
    private double _squares;

    /// <summary>Vectors added with a label.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one vector with its label.</summary>
    public void Add(ReadOnlySpan<float> x, int label)
    {
        if (label < 0) return;
        if (label >= _counts.Length) throw new ArgumentOutOfRangeException(nameof(label), $"label {label} is not below {_counts.Length}");
        var sum = _sums.AsSpan(label * dimension, dimension);
        for (var i = 0; i < dimension; i++)
        {
            sum[i] += x[i];
            _squares += (double)x[i] * x[i];
        }
        _counts[label]++;
        Count++;
    }

    /// <summary>The cost of the labelling.</summary>
    public double Cost()
    {
        var cost = _squares;
        for (var c = 0; c < _counts.Length; c++)
        {
            if (_counts[c] == 0) continue;
            double norm = 0;
            foreach (var s in _sums.AsSpan(c * dimension, dimension)) norm += s * s;
            cost -= norm / _counts[c];
        }
        return Math.Max(0, cost);
    }
}

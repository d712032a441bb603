namespace RadiologyNet.Features;

/// <summary>
/// Streaming standardisation of the numeric metadata columns with running means and variances (Welford 1962,
/// "Note on a method for calculating corrected sums of squares and products"): each observed value of a column
/// (after the column's transform, e.g. log1p) updates that column's count, mean and sum of squared deviations in
/// one pass; the value is then mapped to 0.5 + z/6, clamped to [0, 1], where z is its standard score. Missing
/// values (NaN) do not update the statistics and map to 0 (their indicator column says they are missing).
/// After <see cref="FreezeAfter"/> observations of a column its statistics stop moving, so vectors already
/// clustered keep their meaning; until a column has two observations its values map to 0.5. Thread-safe.
/// </summary>
public sealed class WelfordScaler(long freezeAfter = 10_000) : IMetadataScaler
{
    private readonly object _gate = new();
    private RunningStatistics[] _columns = [];

    /// <summary>Observations per column after which its statistics are frozen.</summary>
    public long FreezeAfter { get; } = freezeAfter > 0 ? freezeAfter : throw new ArgumentOutOfRangeException(nameof(freezeAfter));

    /// <summary>A copy of the running statistics of column <paramref name="index"/>.</summary>
    public RunningStatistics Statistics(int index)
    {
        lock (_gate) return index < _columns.Length ? _columns[index] : default;
    }

    /// <inheritdoc />
    public void Scale(IReadOnlyList<NumericColumn> columns, ReadOnlySpan<double> raw, Span<float> scaled)
    {
        lock (_gate)
        {
            if (_columns.Length != columns.Count) _columns = new RunningStatistics[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                if (double.IsNaN(raw[i]))
                {
                    scaled[i] = 0;
                    continue;
                }
                var x = columns[i].Apply(raw[i]);
                if (_columns[i].Count < FreezeAfter) _columns[i] = _columns[i].Add(x);
                scaled[i] = (float)_columns[i].Scale(x);
            }
        }
    }
}

/// <summary>Count, mean and sum of squared deviations of one column (Welford's update).</summary>
public readonly record struct RunningStatistics(long Count, double Mean, double SumOfSquares)
{
    /// <summary>Sample variance (n − 1), or 0 below two observations.</summary>
    public double Variance => Count > 1 ? SumOfSquares / (Count - 1) : 0;

    /// <summary>The statistics with one more observation.</summary>
    public RunningStatistics Add(double x)
    {
        var count = Count + 1;
        var delta = x - Mean;
        var mean = Mean + delta / count;
        return new RunningStatistics(count, mean, SumOfSquares + delta * (x - mean));
    }

    /// <summary>0.5 + z/6 clamped to [0, 1]; 0.5 while the spread is unknown or zero.</summary>
    public double Scale(double x)
    {
        var sd = Math.Sqrt(Variance);
        return sd > 0 ? Math.Clamp(0.5 + (x - Mean) / sd / 6, 0, 1) : 0.5;
    }
}

namespace RadiologyNet.Client.Results;

/// <summary>
/// The distribution of members' distances to their centre: quantiles (linear interpolation between order statistics,
/// Hyndman and Fan's definition 7, as NumPy's default) and an equal-width histogram.
/// </summary>
public sealed record DistanceSummary(int Count, double Min, double P10, double P25, double Median, double P75, double P90, double Max,
    IReadOnlyList<HistogramBin> Histogram)
{
    /// <summary>Summarises <paramref name="distances"/> with <paramref name="bins"/> histogram bins; all zeros when empty.</summary>
    public static DistanceSummary Of(IReadOnlyList<double> distances, int bins = 10)
    {
        if (distances.Count == 0) return new DistanceSummary(0, 0, 0, 0, 0, 0, 0, 0, []);
        var sorted = distances.Order().ToArray();
        var (min, max) = (sorted[0], sorted[^1]);
        var width = (max - min) / bins;
        var counts = new int[bins];
        foreach (var x in sorted) counts[width == 0 ? 0 : Math.Min(bins - 1, (int)((x - min) / width))]++;
        var histogram = Enumerable.Range(0, bins).Select(b => new HistogramBin(min + b * width, b == bins - 1 ? max : min + (b + 1) * width, counts[b])).ToList();
        return new DistanceSummary(sorted.Length, min, Quantile(sorted, 0.10), Quantile(sorted, 0.25), Quantile(sorted, 0.5),
            Quantile(sorted, 0.75), Quantile(sorted, 0.90), max, histogram);
    }

    /// <summary>The q-quantile of ascending <paramref name="sorted"/> values (Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>A histogram bin [From, To) (the last bin includes To) and its count.</summary>
public sealed record HistogramBin(double From, double To, int Count);

using RadiologyNet.Client.Review;

namespace RadiologyNet.Client.Results;

/// <summary>
/// The distribution of members' distances to their centre: quantiles (linear interpolation between order statistics,
/// Hyndman and Fan's definition 7, as NumPy's default) and the review report's equal-width histogram
/// (<see cref="DistanceSpread.Histogram"/>).
/// </summary>
public sealed record DistanceSummary(int Count, double Min, double P10, double P25, double Median, double P75, double P90, double Max,
    IReadOnlyList<HistogramBin> Histogram)
{
    /// <summary>Summarises <paramref name="distances"/> with <paramref name="bins"/> histogram bins; all zeros when empty.</summary>
    public static DistanceSummary Of(IReadOnlyList<double> distances, int bins = 10)
    {
        if (distances.Count == 0) return new DistanceSummary(0, 0, 0, 0, 0, 0, 0, 0, []);
        var sorted = distances.Order().ToArray();
        return new DistanceSummary(sorted.Length, sorted[0], Quantile(sorted, 0.10), Quantile(sorted, 0.25), Quantile(sorted, 0.5),
            Quantile(sorted, 0.75), Quantile(sorted, 0.90), sorted[^1], DistanceSpread.Histogram(sorted, bins));
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

namespace RadiologyNet.Client.Review;

/// <summary>A bin of a distance histogram: [<paramref name="From"/>, <paramref name="To"/>) (the last bin includes its upper edge).</summary>
public readonly record struct HistogramBin(double From, double To, int Count);

/// <summary>
/// The nearest-to-furthest spread of a cluster's members: which members to show at evenly spaced distance quantiles,
/// and a histogram of the distances.
/// </summary>
public static class DistanceSpread
{
    /// <summary>
    /// Indices into a list of <paramref name="count"/> members sorted nearest first, at the quantiles
    /// q = i / (<paramref name="picks"/> − 1), i = 0 … picks − 1: index round(q × (count − 1)) (half away from zero,
    /// the "nearest rank" on the 0-based order). Duplicates are dropped, so fewer members than picks give each once.
    /// </summary>
    public static IReadOnlyList<(int Index, double Quantile)> QuantilePicks(int count, int picks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(picks);
        var result = new List<(int, double)>();
        if (count == 0 || picks == 0) return result;
        if (picks == 1) return [(0, 0.0)];
        var last = -1;
        for (var i = 0; i < picks; i++)
        {
            var q = (double)i / (picks - 1);
            var index = (int)Math.Round(q * (count - 1), MidpointRounding.AwayFromZero);
            if (index == last) continue;
            result.Add((index, q));
            last = index;
        }
        return result;
    }

    /// <summary>
    /// Equal-width histogram of <paramref name="values"/> over [min, max] with <paramref name="bins"/> bins; a value
    /// equal to max falls in the last bin. All-equal values give one bin holding them all; no values give none.
    /// </summary>
    public static IReadOnlyList<HistogramBin> Histogram(IReadOnlyList<double> values, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        if (values.Count == 0) return [];
        var min = values.Min();
        var max = values.Max();
        if (max <= min) return [new HistogramBin(min, max, values.Count)];
        var width = (max - min) / bins;
        var counts = new int[bins];
        foreach (var v in values)
            counts[Math.Min((int)((v - min) / width), bins - 1)]++;
        return Enumerable.Range(0, bins).Select(b => new HistogramBin(min + b * width, b == bins - 1 ? max : min + (b + 1) * width, counts[b])).ToList();
    }
}

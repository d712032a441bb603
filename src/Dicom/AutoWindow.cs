namespace RadiologyNet.Dicom;

/// <summary>
/// The window used when a file has neither a window nor a VOI LUT: the 0.5th to 99.5th percentile of the frame's
/// modality values (nearest-rank percentiles, so both ends are values that occur), as a LINEAR_EXACT window that maps
/// the low end to 0 and the high end to 1. Modality-agnostic by design: a CT gets its own histogram, not a preset.
/// </summary>
public static class AutoWindow
{
    /// <summary>Lower percentile (per cent).</summary>
    public const double LowerPercentile = 0.5;

    /// <summary>Upper percentile (per cent).</summary>
    public const double UpperPercentile = 99.5;

    private const int MaxHistogramBins = 1 << 20;

    /// <summary>
    /// The window, or null when the frame is empty or flat. When the percentiles coincide (more than 99% of the frame
    /// one value) the frame's min..max is used instead.
    /// </summary>
    public static VoiWindow? From(ReadOnlySpan<double> values) => From(new SpanSamples(values));

    /// <summary>As <see cref="From(ReadOnlySpan{double})"/>, over values computed on demand (e.g. a frame's modality values).</summary>
    internal static VoiWindow? From<T>(T values) where T : ISamples, allows ref struct
    {
        if (values.Length == 0) return null;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var integral = true;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v < min) min = v;
            if (v > max) max = v;
            if (integral && v != Math.Floor(v)) integral = false;
        }
        if (!(max > min)) return null;
        var (lo, hi) = integral && max - min < MaxHistogramBins ? ByHistogram(values, min, max) : BySorting(values);
        if (!(hi > lo)) (lo, hi) = (min, max);
        return new VoiWindow((lo + hi) / 2, hi - lo, VoiLutFunction.LinearExact);
    }

    /// <summary>Zero-based index of the nearest-rank percentile <paramref name="p"/> (per cent) among <paramref name="n"/> sorted values.</summary>
    public static int NearestRankIndex(double p, int n) => Math.Clamp((int)Math.Ceiling(p / 100 * n) - 1, 0, n - 1);

    private static (double, double) ByHistogram<T>(T values, double min, double max) where T : ISamples, allows ref struct
    {
        var counts = new int[(int)(max - min) + 1];
        for (var i = 0; i < values.Length; i++) counts[(int)(values[i] - min)]++;
        int loRank = NearestRankIndex(LowerPercentile, values.Length), hiRank = NearestRankIndex(UpperPercentile, values.Length);
        double lo = min, hi = max;
        var seen = 0;
        var loFound = false;
        for (var b = 0; b < counts.Length; b++)
        {
            seen += counts[b];
            if (!loFound && seen > loRank) { lo = min + b; loFound = true; }
            if (seen > hiRank) { hi = min + b; break; }
        }
        return (lo, hi);
    }

    private static (double, double) BySorting<T>(T values) where T : ISamples, allows ref struct
    {
        var sorted = new double[values.Length];
        for (var i = 0; i < sorted.Length; i++) sorted[i] = values[i];
        Array.Sort(sorted);
        return (sorted[NearestRankIndex(LowerPercentile, sorted.Length)], sorted[NearestRankIndex(UpperPercentile, sorted.Length)]);
    }
}

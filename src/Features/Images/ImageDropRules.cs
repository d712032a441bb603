using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Images;

/// <summary>Thresholds of the drop rules (the RadiologyNET authors' values by default).</summary>
public sealed class ImageDropRuleOptions
{
    /// <summary>Drop when min(width, height) / max(width, height) is below this.</summary>
    public double MinAspectRatio { get; set; } = 0.1;

    /// <summary>Drop when log2(max − min + 1) of the stored values is below this.</summary>
    public double MinEffectiveBitDepth { get; set; } = 7;

    /// <summary>Drop when the share of occupied bins of a 256-bin histogram of the rendered image is at most this.</summary>
    public double MaxHistogramOccupancyToDrop { get; set; } = 0.1;
}

/// <summary>
/// The RadiologyNET authors' rules for images that carry no usable picture (Napravnik et al. 2024, public code
/// AIlab-RITEH/RadiologyNET-public): aspect ratio below 0.1, a blank frame, an effective bit depth below 7
/// (stored values span fewer than 128 levels), or histogram occupancy of at most 0.1. An image that breaks one
/// is "not featurisable" and is quarantined with the rule's name; it is never silently skipped.
/// </summary>
public static class ImageDropRules
{
    /// <summary>The name of the first rule the frame breaks, or null when it may be featurised.</summary>
    /// <param name="stored">The frame's stored values (before modality LUT and window).</param>
    /// <param name="rendered">The same frame as rendered for display, in [0, 1].</param>
    /// <param name="options">Thresholds.</param>
    public static string? Check(PixelValues stored, FloatImage rendered, ImageDropRuleOptions options)
    {
        var (min, max) = MinMax(stored.Values);
        return Check(min, max, rendered, options);
    }

    /// <summary>As <see cref="Check(PixelValues, FloatImage, ImageDropRuleOptions)"/>, given only the range of the stored values.</summary>
    public static string? Check(double min, double max, FloatImage rendered, ImageDropRuleOptions options)
    {
        var aspect = (double)Math.Min(rendered.Width, rendered.Height) / Math.Max(rendered.Width, rendered.Height);
        if (aspect < options.MinAspectRatio)
            return $"aspect ratio {aspect:0.###} below {options.MinAspectRatio}";

        if (max <= min) return "blank image (every pixel has the same value)";

        var bitDepth = Math.Log2(max - min + 1);
        if (bitDepth < options.MinEffectiveBitDepth)
            return $"effective bit depth {bitDepth:0.##} below {options.MinEffectiveBitDepth}";

        var occupancy = HistogramOccupancy(rendered.Data);
        if (occupancy <= options.MaxHistogramOccupancyToDrop)
            return $"histogram occupancy {occupancy:0.###} at most {options.MaxHistogramOccupancyToDrop}";
        return null;
    }

    /// <summary>Share of the 256 equal bins of [0, 1] that hold at least one value.</summary>
    public static double HistogramOccupancy(ReadOnlySpan<float> values)
    {
        Span<bool> occupied = stackalloc bool[256];
        var count = 0;
        foreach (var v in values)
        {
            var bin = Math.Clamp((int)(v * 256), 0, 255);
            if (occupied[bin]) continue;
            occupied[bin] = true;
            count++;
        }
        return count / 256.0;
    }

    private static (double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }
}

using System.Globalization;

namespace RadiologyNet.Client.Review;

/// <summary>Colours for clusters and labels: distinguishable on white, stable for the same index or label.</summary>
public static class ClusterPalette
{
    // Kelly's colours of maximum contrast (Kelly 1965), without white and black, darkest-on-white first.
    private static readonly string[] Fixed =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#843c39", "#7b4173", "#3182bd",
        "#e6550d", "#31a354", "#756bb1", "#636363",
    ];

    /// <summary>The colour of the <paramref name="index"/>-th item: 20 fixed colours, then hues by the golden angle.</summary>
    public static string Colour(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Fixed.Length) return Fixed[index];
        var hue = (index - Fixed.Length) * 137.508 % 360;
        var lightness = 35 + (index % 3) * 10;
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:0.#},65%,{lightness}%)");
    }

    /// <summary>A colour for a label (modality, region, manufacturer) that depends on the label text only (FNV-1a hash).</summary>
    public static string ForLabel(string label)
    {
        var hash = 2166136261u;
        foreach (var c in label)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return Colour((int)(hash % (uint)Fixed.Length));
    }
}

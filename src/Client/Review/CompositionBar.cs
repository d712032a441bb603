using System.Text;

namespace RadiologyNet.Client.Review;

/// <summary>A cluster's composition by one label (modality, region, manufacturer) as an inline SVG stacked bar and a legend.</summary>
internal static class CompositionBar
{
    /// <summary>Labels by count, largest first (ties by label).</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Ordered(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// A colour per label: <see cref="ClusterPalette.ForLabel"/> (so CT is the same colour on every card), except that a
    /// label whose colour is already taken in this bar gets the next free palette colour.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Colours(IReadOnlyList<KeyValuePair<string, int>> ordered)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, _) in ordered)
        {
            var colour = ClusterPalette.ForLabel(label);
            for (var i = 0; used.Contains(colour) && i < 256; i++) colour = ClusterPalette.Colour(i);
            used.Add(colour);
            result[label] = colour;
        }
        return result;
    }

    /// <summary>A 100%-wide bar, one segment per label, each with a tooltip "label: n (p%)".</summary>
    public static string Svg(string what, IReadOnlyDictionary<string, int> counts)
    {
        var ordered = Ordered(counts);
        var total = ordered.Sum(c => c.Value);
        var colours = Colours(ordered);
        var builder = new StringBuilder();
        builder.Append($"<svg class=\"bar\" viewBox=\"0 0 1000 14\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{HtmlText.Escape(what)} composition\">");
        if (total == 0)
            builder.Append($"<rect width=\"1000\" height=\"14\" fill=\"#e3e5e8\"><title>{HtmlText.Escape(what)}: none</title></rect>");
        var x = 0.0;
        foreach (var (label, count) in ordered)
        {
            var width = 1000.0 * count / total;
            builder.Append($"<rect x=\"{HtmlText.Number(x, "0.##")}\" width=\"{HtmlText.Number(width, "0.##")}\" height=\"14\" fill=\"{colours[label]}\">")
                .Append($"<title>{HtmlText.Escape(what)} {HtmlText.Escape(Display(label))}: {count} ({HtmlText.Percent((double)count / total)})</title></rect>");
            x += width;
        }
        return builder.Append("</svg>").ToString();
    }

    /// <summary>The first <paramref name="top"/> labels with colour swatches and shares, then "+n more".</summary>
    public static string Legend(IReadOnlyDictionary<string, int> counts, int top = 3)
    {
        var ordered = Ordered(counts);
        var total = ordered.Sum(c => c.Value);
        var colours = Colours(ordered);
        var builder = new StringBuilder("<span class=\"legend\">");
        foreach (var (label, count) in ordered.Take(top))
            builder.Append($"<span class=\"key\"><i style=\"background:{colours[label]}\"></i>{HtmlText.Escape(Display(label))} {HtmlText.Percent((double)count / total)}</span>");
        if (ordered.Count > top) builder.Append($"<span class=\"key more\">+{ordered.Count - top} more</span>");
        return builder.Append("</span>").ToString();
    }

    /// <summary>A table of every label with its count and share.</summary>
    public static string Table(string what, IReadOnlyDictionary<string, int> counts)
    {
        var ordered = Ordered(counts);
        var total = ordered.Sum(c => c.Value);
        var colours = Colours(ordered);
        var builder = new StringBuilder($"<table class=\"counts\"><thead><tr><th>{HtmlText.Escape(what)}</th><th class=\"num\">images</th><th class=\"num\">share</th></tr></thead><tbody>");
        foreach (var (label, count) in ordered)
            builder.Append($"<tr><td><i class=\"swatch\" style=\"background:{colours[label]}\"></i>{HtmlText.Escape(Display(label))}</td><td class=\"num\">{HtmlText.Count(count)}</td><td class=\"num\">{HtmlText.Percent((double)count / total)}</td></tr>");
        if (ordered.Count == 0) builder.Append("<tr><td colspan=\"3\" class=\"quiet\">none recorded</td></tr>");
        return builder.Append("</tbody></table>").ToString();
    }

    /// <summary>An empty label (e.g. no Manufacturer tag) is shown as "(none)".</summary>
    public static string Display(string label) => label.Length == 0 ? "(none)" : label;
}

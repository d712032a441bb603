using System.Text;
using RadiologyNet.Client.Evaluation;

namespace RadiologyNet.Client.Review;

/// <summary>The quality table (<see cref="QualityReport"/>) as HTML: one row per label and source.</summary>
internal static class MetricsTable
{
    public static string Html(QualityReport? quality)
    {
        if (quality is null)
            return "<p class=\"quiet\">No quality table was computed for this run.</p>";
        var builder = new StringBuilder();
        builder.Append("<p class=\"quiet\">")
            .Append(quality.LabelSource == "truth" ? "Scored against a truth table" : "Scored against the DICOM tags (noisy labels)")
            .Append($" on {HtmlText.Count(quality.N)} images. ")
            .Append(quality.LabelTagsInFeatures ? "The label tags were features of the model, so the scores are optimistic." : "The label tags were not features of the model.")
            .Append(" 1 is perfect agreement; ARI near 0 is chance.</p>");
        builder.Append("<table class=\"metrics\"><thead><tr><th>label</th><th>source</th><th class=\"num\">classes</th><th class=\"num\">clusters</th>")
            .Append("<th class=\"num\">homogeneity</th><th class=\"num\">completeness</th><th class=\"num\">V-measure</th><th class=\"num\">NMI</th><th class=\"num\">ARI</th></tr></thead><tbody>");
        foreach (var (label, sources) in quality.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var ordered = QualityReport.SourceOrder.Where(sources.ContainsKey)
                .Concat(sources.Keys.Where(k => !QualityReport.SourceOrder.Contains(k)).Order(StringComparer.Ordinal));
            foreach (var source in ordered)
            {
                var s = sources[source];
                builder.Append($"<tr><td>{HtmlText.Escape(label)}</td><td>{HtmlText.Escape(source)}</td><td class=\"num\">{s.Classes}</td><td class=\"num\">{s.Clusters}</td>")
                    .Append($"<td class=\"num\">{HtmlText.Number(s.Homogeneity, "0.000")}</td><td class=\"num\">{HtmlText.Number(s.Completeness, "0.000")}</td>")
                    .Append($"<td class=\"num\">{HtmlText.Number(s.VMeasure, "0.000")}</td><td class=\"num\">{HtmlText.Number(s.Nmi, "0.000")}</td><td class=\"num\">{HtmlText.Number(s.AdjustedRand, "0.000")}</td></tr>");
            }
        }
        return builder.Append("</tbody></table>").ToString();
    }
}

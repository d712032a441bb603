using System.Text;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary>
/// <c>cluster-N.html</c>: the medoid, the composition by modality, region and manufacturer, the report terms, the
/// spread from nearest to furthest (members at distance quantiles and a distance histogram) and the nearest members.
/// </summary>
internal static class ClusterPage
{
    public static string Html(ArchiveResults results, IReadOnlyList<ClusterPlan> plans, int position, ThumbnailSet thumbnails, ReviewReportOptions options)
    {
        var plan = plans[position];
        var c = plan.Cluster;
        var name = c.Name.Length == 0 ? $"cluster {c.Id}" : c.Name;
        var body = new StringBuilder();
        body.Append("<div class=\"pager\"><a href=\"").Append(HtmlPage.IndexFile).Append($"#c{c.Id}\">← all clusters</a>");
        if (position > 0) body.Append($"<a href=\"{HtmlPage.ClusterFile(plans[position - 1].Cluster.Id)}\">‹ previous (#{plans[position - 1].Cluster.Id})</a>");
        if (position < plans.Count - 1) body.Append($"<a href=\"{HtmlPage.ClusterFile(plans[position + 1].Cluster.Id)}\">next (#{plans[position + 1].Cluster.Id}) ›</a>");
        body.Append($"<a href=\"{HtmlPage.MapFile}\">map</a></div>");
        body.Append($"<h1 style=\"border-left:6px solid {plan.Colour};padding-left:10px\"><span class=\"quiet\">#{c.Id}</span> {HtmlText.Escape(name)}</h1>");
        body.Append("<div class=\"stats\">").Append($"<span><b>{HtmlText.Count(c.Size)}</b> images</span>");
        if (c.Size > 0)
        {
            body.Append($"<span>modality purity <b>{HtmlText.Percent(c.DominantModality.Share)}</b></span><span>region purity <b>{HtmlText.Percent(c.DominantRegion.Share)}</b></span>");
            var distances = plan.Members.Where(m => m.Distance is not null).Select(m => (double)m.Distance!.Value).ToList();
            if (distances.Count > 0)
                body.Append($"<span>distance {HtmlText.Number(distances.Min(), "0.###")} – {HtmlText.Number(distances.Max(), "0.###")} ({HtmlText.Escape(results.Model.Metric)})</span>");
        }
        body.Append("</div>");

        body.Append("<section class=\"clusterhead\">");
        if (plan.Medoid is { } medoid)
            body.Append("<figure>").Append(thumbnails.Html(medoid, options.MedoidSize, "medoid", "thumb medoid"))
                .Append($"<figcaption>medoid · {HtmlText.Escape(medoid.Modality)} {HtmlText.Escape(medoid.Region)} · d {OverviewPage.Distance(medoid)}</figcaption></figure>");
        body.Append("<div class=\"comp\">")
            .Append("<div>").Append(CompositionBar.Svg("modality", c.Modalities)).Append("</div>")
            .Append("<div>").Append(CompositionBar.Svg("region", c.Regions)).Append("</div>")
            .Append("<div>").Append(CompositionBar.Svg("manufacturer", c.Manufacturers)).Append("</div>")
            .Append("<div class=\"tables\">")
            .Append(CompositionBar.Table("modality", c.Modalities))
            .Append(CompositionBar.Table("region", c.Regions))
            .Append(CompositionBar.Table("manufacturer", c.Manufacturers))
            .Append("</div>");
        body.Append("<h3>Report terms</h3>");
        body.Append(c.Terms.Count > 0
            ? "<div class=\"terms\">" + string.Concat(c.Terms.Select(t => $"<span>{HtmlText.Escape(t)}</span>")) + "</div>"
            : "<p class=\"quiet\">No distinctive report terms (no reports, or none stood out).</p>");
        body.Append("</div></section>");

        body.Append("<h3>Spread: nearest → furthest</h3>");
        if (plan.Spread.Count == 0) body.Append("<p class=\"quiet\">No members.</p>");
        else
        {
            body.Append("<p class=\"quiet\">Members at evenly spaced quantiles of the distance to the cluster centre. Outliers and mislabelled images tend to sit at the right.</p><div class=\"strip\">");
            foreach (var (member, quantile) in plan.Spread)
            {
                var label = quantile == 0 ? "nearest" : quantile == 1 ? "furthest" : $"q {HtmlText.Number(quantile, "0.00")}";
                body.Append("<figure>").Append(thumbnails.Html(member, options.ThumbnailSize, $"{label} · {member.Modality} {member.Region} · distance {OverviewPage.Distance(member)}"))
                    .Append($"<figcaption>{label} · d {OverviewPage.Distance(member)}</figcaption></figure>");
            }
            body.Append("</div>");
            body.Append(HistogramSvg(plan.Members.Where(m => m.Distance is not null).Select(m => (double)m.Distance!.Value).ToList(), options.HistogramBins, plan.Colour));
        }

        if (plan.Borderline.Count > 0)
        {
            body.Append("<h3>Borderline: nearly as close to another cluster</h3><p class=\"quiet\">Smallest margin first: how much nearer this centre is than the runner-up's. Candidates for relabelling or a merge.</p><div class=\"strip\">");
            foreach (var member in plan.Borderline)
            {
                var other = member.RunnerUp!.Value;
                body.Append("<figure>").Append(thumbnails.Html(member, options.ThumbnailSize, $"{member.Modality} {member.Region} · margin {HtmlText.Number(member.Margin!.Value, "0.###")} to cluster #{other}"))
                    .Append($"<figcaption>margin {HtmlText.Number(member.Margin!.Value, "0.###")} · <a href=\"{HtmlPage.ClusterFile(other)}\">#{other}</a></figcaption></figure>");
            }
            body.Append("</div>");
        }

        body.Append($"<h3>Members, nearest first ({HtmlText.Count(plan.PageMembers.Count)} of {HtmlText.Count(plan.Members.Count)})</h3><div class=\"strip\">");
        var rank = 0;
        foreach (var member in plan.PageMembers)
        {
            rank++;
            var runnerUp = member.RunnerUp is { } r ? $" · runner-up #{r}" + (member.Margin is { } m ? $" (margin {HtmlText.Number(m, "0.###")})" : "") : "";
            body.Append("<figure>").Append(thumbnails.Html(member, options.ThumbnailSize, $"#{rank} · {member.Modality} {member.Region} {member.Manufacturer} · distance {OverviewPage.Distance(member)}{runnerUp}"))
                .Append($"<figcaption>{rank}. {HtmlText.Escape(member.Modality)} {HtmlText.Escape(member.Region)} · d {OverviewPage.Distance(member)}</figcaption></figure>");
        }
        body.Append("</div>");
        return HtmlPage.Render(options.Title, name, "", body.ToString(), ReviewReport.Footer(results));
    }

    /// <summary>A bar chart of the distance histogram as inline SVG, each bar titled with its range and count.</summary>
    public static string HistogramSvg(IReadOnlyList<double> distances, int bins, string colour)
    {
        var histogram = DistanceSpread.Histogram(distances, bins);
        if (histogram.Count == 0) return "";
        const int width = 640, height = 160, left = 36, bottom = 22, top = 8;
        var max = histogram.Max(b => b.Count);
        var barWidth = (double)(width - left - 8) / histogram.Count;
        var svg = new StringBuilder($"<svg class=\"hist\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"histogram of distances to the centre\">");
        svg.Append($"<text x=\"{left}\" y=\"{height - 5}\" font-size=\"11\" fill=\"#5a6270\">{HtmlText.Number(histogram[0].From, "0.###")}</text>")
            .Append($"<text x=\"{width - 8}\" y=\"{height - 5}\" font-size=\"11\" fill=\"#5a6270\" text-anchor=\"end\">{HtmlText.Number(histogram[^1].To, "0.###")}</text>")
            .Append($"<text x=\"{(width + left) / 2}\" y=\"{height - 5}\" font-size=\"11\" fill=\"#5a6270\" text-anchor=\"middle\">distance to centre →</text>")
            .Append($"<text x=\"{left - 4}\" y=\"{top + 10}\" font-size=\"11\" fill=\"#5a6270\" text-anchor=\"end\">{max}</text>")
            .Append($"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 8}\" y2=\"{height - bottom}\" stroke=\"#9aa3ad\"/>");
        for (var b = 0; b < histogram.Count; b++)
        {
            var bin = histogram[b];
            var h = max == 0 ? 0 : (double)(height - bottom - top) * bin.Count / max;
            svg.Append($"<rect x=\"{HtmlText.Number(left + b * barWidth + 1, "0.##")}\" y=\"{HtmlText.Number(height - bottom - h, "0.##")}\" width=\"{HtmlText.Number(Math.Max(barWidth - 2, 1), "0.##")}\" height=\"{HtmlText.Number(h, "0.##")}\" fill=\"{colour}\">")
                .Append($"<title>{HtmlText.Number(bin.From, "0.###")} – {HtmlText.Number(bin.To, "0.###")}: {bin.Count}</title></rect>");
        }
        return svg.Append("</svg>").ToString();
    }
}

using System.Text;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary><c>index.html</c>: the archive in numbers, a card per cluster (name, size, purity, composition, montage, terms) and the quality table.</summary>
internal static class OverviewPage
{
    public static string Html(ArchiveResults results, IReadOnlyList<ClusterPlan> plans, ThumbnailSet thumbnails, ReviewReportOptions options)
    {
        var annotated = results.Instances.Count(i => i.Cluster is not null);
        var quarantined = results.Instances.Count(i => i.Status == "quarantined");
        var pending = results.Instances.Count(i => i.Status == "pending");
        var body = new StringBuilder();
        body.Append("<h1>Clusters</h1><div class=\"stats\">")
            .Append($"<span><b>{HtmlText.Count(annotated)}</b> images annotated</span>")
            .Append($"<span><b>{HtmlText.Count(plans.Count)}</b> clusters</span>")
            .Append($"<span><a href=\"{HtmlPage.QuarantineFile}\"><b>{HtmlText.Count(quarantined)}</b> quarantined</a></span>");
        if (pending > 0) body.Append($"<span><b>{HtmlText.Count(pending)}</b> pending</span>");
        body.Append($"<span><a href=\"{HtmlPage.MapFile}\">2-D map of the archive</a></span><span><a href=\"#quality\">Quality metrics</a></span></div>\n");
        body.Append("<p class=\"quiet\">Largest cluster first. Each montage shows the medoid (outlined, top left) and members from nearest to furthest from the centre.</p>\n");

        body.Append("<div class=\"grid\">\n");
        foreach (var plan in plans) body.Append(Card(plan, thumbnails, options)).Append('\n');
        body.Append("</div>\n");

        body.Append("<h3 id=\"quality\">Quality metrics</h3>").Append(MetricsTable.Html(results.Quality));
        return HtmlPage.Render(options.Title, "Overview", HtmlPage.IndexFile, body.ToString(), ReviewReport.Footer(results));
    }

    private static string Card(ClusterPlan plan, ThumbnailSet thumbnails, ReviewReportOptions options)
    {
        var c = plan.Cluster;
        var href = HtmlPage.ClusterFile(c.Id);
        var card = new StringBuilder();
        card.Append($"<article class=\"card\" id=\"c{c.Id}\" style=\"border-top:4px solid {plan.Colour}\">")
            .Append($"<h2><span class=\"id\">#{c.Id}</span><a href=\"{href}\">{HtmlText.Escape(c.Name.Length == 0 ? $"cluster {c.Id}" : c.Name)}</a></h2>")
            .Append("<div class=\"meta\">")
            .Append($"<span class=\"size\">{HtmlText.Count(c.Size)} {(c.Size == 1 ? "image" : "images")}</span>");
        if (c.Size > 0)
        {
            var (modality, modalityShare) = c.DominantModality;
            var (region, regionShare) = c.DominantRegion;
            card.Append($"<span class=\"purity\" title=\"share of the dominant modality and region\">{HtmlText.Escape(CompositionBar.Display(modality))} {HtmlText.Percent(modalityShare)} · {HtmlText.Escape(CompositionBar.Display(region))} {HtmlText.Percent(regionShare)}</span>");
        }
        card.Append("</div>");
        card.Append(CompositionBar.Svg("modality", c.Modalities)).Append(CompositionBar.Legend(c.Modalities));
        card.Append(CompositionBar.Svg("region", c.Regions)).Append(CompositionBar.Legend(c.Regions));
        if (plan.Medoid is { } medoid)
        {
            card.Append($"<a class=\"montage\" href=\"{href}\" aria-label=\"open cluster {c.Id}\">");
            card.Append(thumbnails.Html(medoid, options.ThumbnailSize, $"medoid · distance {Distance(medoid)}", "thumb medoid"));
            foreach (var member in plan.Montage)
                card.Append(thumbnails.Html(member, options.ThumbnailSize, $"{member.Modality} {member.Region} · distance {Distance(member)}"));
            card.Append("</a>");
        }
        else card.Append("<p class=\"quiet\">No members.</p>");
        if (c.Terms.Count > 0)
            card.Append("<div class=\"terms\">").Append(string.Concat(c.Terms.Take(8).Select(t => $"<span>{HtmlText.Escape(t)}</span>"))).Append("</div>");
        return card.Append("</article>").ToString();
    }

    public static string Distance(InstanceResult instance) => instance.Distance is { } d ? HtmlText.Number(d, "0.###") : "–";
}

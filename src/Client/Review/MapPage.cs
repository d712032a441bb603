using System.Text;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary><c>map.html</c>: the <see cref="ArchiveMap"/> as an SVG scatter, a colour per cluster, a legend linking to the cluster pages.</summary>
internal static class MapPage
{
    public static string Html(ArchiveResults results, IReadOnlyList<ClusterPlan> plans, ArchiveMap map, ReviewReportOptions options)
    {
        var body = new StringBuilder("<h1>Map of the archive</h1>");
        body.Append("<p class=\"quiet\">Fused vectors projected on their first two principal components (PCA by power iteration, seed ")
            .Append(options.ProjectionSeed).Append($"; {HtmlText.Percent(map.ExplainedFirst)} and {HtmlText.Percent(map.ExplainedSecond)} of the variance). ")
            .Append(map.Points.Count < map.Eligible ? $"Showing an even sample of {HtmlText.Count(map.Points.Count)} of {HtmlText.Count(map.Eligible)} images. " : $"{HtmlText.Count(map.Points.Count)} images. ")
            .Append("Ringed numbers are cluster centres; hover a point for its cluster and labels, click it for the cluster page. Nearby points have similar vectors; distances are only roughly kept.</p>");
        if (map.Points.Count == 0)
        {
            body.Append("<p class=\"quiet\">No annotated image has a fused vector, so there is nothing to draw.</p>");
            return HtmlPage.Render(options.Title, "Map", HtmlPage.MapFile, body.ToString(), ReviewReport.Footer(results));
        }

        var byCluster = map.Points.GroupBy(p => p.Cluster).ToDictionary(g => g.Key, g => g.ToList());
        body.Append("<div class=\"mapwrap\">");
        body.Append($"<svg class=\"map\" viewBox=\"0 0 {ArchiveMap.Width} {ArchiveMap.Height}\" role=\"img\" aria-label=\"2-D map of the archive coloured by cluster\">");
        foreach (var plan in plans) // largest first, so small clusters stay visible on top
        {
            if (!byCluster.TryGetValue(plan.Cluster.Id, out var points)) continue;
            body.Append($"<a href=\"{HtmlPage.ClusterFile(plan.Cluster.Id)}\"><g fill=\"{plan.Colour}\" fill-opacity=\"0.75\">");
            foreach (var p in points)
                body.Append($"<circle cx=\"{HtmlText.Number(p.X, "0.#")}\" cy=\"{HtmlText.Number(p.Y, "0.#")}\" r=\"3.2\"><title>#{plan.Cluster.Id} {HtmlText.Escape(plan.Cluster.Name)} — {HtmlText.Escape(p.Instance.Modality)} / {HtmlText.Escape(p.Instance.Region)}</title></circle>");
            body.Append("</g></a>");
        }
        var colours = plans.ToDictionary(p => p.Cluster.Id, p => p.Colour);
        foreach (var centre in map.Centres)
        {
            var colour = colours.GetValueOrDefault(centre.Cluster, "#333");
            body.Append($"<a href=\"{HtmlPage.ClusterFile(centre.Cluster)}\"><g><title>centre of cluster #{centre.Cluster}</title>")
                .Append($"<circle cx=\"{HtmlText.Number(centre.X, "0.#")}\" cy=\"{HtmlText.Number(centre.Y, "0.#")}\" r=\"10\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"3\"/>")
                .Append($"<text x=\"{HtmlText.Number(centre.X, "0.#")}\" y=\"{HtmlText.Number(centre.Y + 4, "0.#")}\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1b1f24\">{centre.Cluster}</text></g></a>");
        }
        body.Append("</svg>");

        body.Append("<div class=\"maplegend\">");
        foreach (var plan in plans)
            body.Append($"<div><i class=\"swatch\" style=\"background:{plan.Colour}\"></i><a href=\"{HtmlPage.ClusterFile(plan.Cluster.Id)}\">#{plan.Cluster.Id} {HtmlText.Escape(plan.Cluster.Name)}</a> <span class=\"quiet\">{HtmlText.Count(plan.Cluster.Size)}</span></div>");
        body.Append("</div></div>");
        return HtmlPage.Render(options.Title, "Map", HtmlPage.MapFile, body.ToString(), ReviewReport.Footer(results));
    }
}

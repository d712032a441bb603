using System.Text;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary>
/// The static HTML review report of an annotated archive (<c>radnet report --out DIR</c>). It opens from disk with no
/// server and no network: <c>index.html</c> (a card per cluster with its name, size, purity, composition bars and a
/// montage of the medoid and members, plus the quality table), <c>cluster-N.html</c> per cluster (medoid,
/// composition, report terms, the nearest-to-furthest spread, the nearest members), <c>map.html</c> (a seeded PCA of
/// the fused vectors as an SVG scatter) and <c>quarantine.html</c>, with PNG thumbnails in <c>thumbs/</c>. Pages use
/// inline CSS, no scripts, no fonts or URLs outside the folder, relative links only, and escape every text.
/// </summary>
public static class ReviewReport
{
    /// <summary>Writes the report into <paramref name="outDir"/> (created if needed; existing files of the same names are replaced).</summary>
    /// <param name="results">The annotated archive; thumbnails need <see cref="ResultsModel.ArchiveFolder"/> to find the files.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">What to show; null for the defaults.</param>
    /// <returns>Pages and thumbnails written, and the thumbnails that fell back to a placeholder, with reasons.</returns>
    public static ReviewReportSummary Write(ArchiveResults results, string outDir, ReviewReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(outDir);
        options ??= new ReviewReportOptions();
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);

        var plans = ReviewPlan.Build(results, options);
        var thumbnails = new ThumbnailSet(results, root, options.Paths);
        ReviewPlan.WantThumbnails(plans, thumbnails, options);
        thumbnails.RenderAll(options.MaxDegreeOfParallelism);

        var pages = 0;
        void Page(string file, string html)
        {
            File.WriteAllText(Path.Combine(root, file), html, new UTF8Encoding(false));
            pages++;
        }
        Page(HtmlPage.IndexFile, OverviewPage.Html(results, plans, thumbnails, options));
        for (var i = 0; i < plans.Count; i++)
            Page(HtmlPage.ClusterFile(plans[i].Cluster.Id), ClusterPage.Html(results, plans, i, thumbnails, options));
        Page(HtmlPage.MapFile, MapPage.Html(results, plans, ArchiveMap.Build(results, options), options));
        Page(HtmlPage.QuarantineFile, QuarantinePage.Html(results, options));

        var failures = thumbnails.Failures;
        return new ReviewReportSummary(Path.Combine(root, HtmlPage.IndexFile), pages, thumbnails.Written, failures.Count, failures);
    }

    /// <summary>The footer every page carries: which model the labels come from.</summary>
    internal static string Footer(ArchiveResults results)
    {
        var m = results.Model;
        return $"Model <b>{HtmlText.Escape(m.Name)}</b> version {m.Version}: k = {m.Clusters}, {HtmlText.Escape(m.Metric)} distance, "
            + $"{m.Dimension}-dimensional fused vectors. Written by radnet report; a static folder that opens from disk without a network.";
    }
}

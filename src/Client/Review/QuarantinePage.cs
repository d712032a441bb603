using System.Text;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary>
/// <c>quarantine.html</c>: quarantined files counted by reason, then listed (archive path as
/// <see cref="ReviewReportOptions.Paths"/> says, and reason; no patient data).
/// </summary>
internal static class QuarantinePage
{
    public static string Html(ArchiveResults results, ReviewReportOptions options)
    {
        var quarantined = results.Instances.Where(i => i.Status == "quarantined").ToList();
        var body = new StringBuilder("<h1>Quarantined files</h1>");
        if (quarantined.Count == 0)
        {
            body.Append("<p>No file was quarantined.</p>");
            return HtmlPage.Render(options.Title, "Quarantine", HtmlPage.QuarantineFile, body.ToString(), ReviewReport.Footer(results));
        }
        body.Append($"<p class=\"quiet\">{HtmlText.Count(quarantined.Count)} files were not annotated. They are never skipped silently; each has the reason it was set aside.</p>");
        body.Append("<h3>By reason</h3><table><thead><tr><th>reason</th><th class=\"num\">files</th></tr></thead><tbody>");
        foreach (var group in quarantined.GroupBy(i => i.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            body.Append($"<tr><td>{HtmlText.Escape(group.Key.Length == 0 ? "(no reason recorded)" : group.Key)}</td><td class=\"num\">{HtmlText.Count(group.Count())}</td></tr>");
        body.Append("</tbody></table>");
        var listed = quarantined.Take(options.MaxQuarantineRows).ToList();
        body.Append($"<h3>Files ({HtmlText.Count(listed.Count)} of {HtmlText.Count(quarantined.Count)})</h3><table><thead><tr><th>file</th><th>reason</th></tr></thead><tbody>");
        foreach (var instance in listed)
            body.Append($"<tr><td>{HtmlText.Escape(Shown(instance.File, options.Paths))}</td><td>{HtmlText.Escape(instance.Reason)}</td></tr>");
        body.Append("</tbody></table>");
        return HtmlPage.Render(options.Title, "Quarantine", HtmlPage.QuarantineFile, body.ToString(), ReviewReport.Footer(results));
    }

    private static string Shown(string file, PathMode paths) => ArchivePaths.Disclose(file, paths) is { Length: > 0 } shown ? shown : "(path not shown)";
}

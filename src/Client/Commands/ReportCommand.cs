using System.CommandLine;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Client.Review;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet report --out DIR</c>: the static HTML review report of every cluster (opens from disk, no server, no internet).</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the report (index.html, cluster pages, map, thumbnails)", DefaultValueFactory = _ => new DirectoryInfo("radnet-report") };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var paths = ArchivePaths.CreateOption(PathMode.Relative, "the report (quarantine page, reasons of thumbnails not rendered)");
        var sample = SampleOption.Create();
        var source = new ResultsSourceOptions();
        var command = new Command("report", """
            Write a static HTML review report: an overview with every cluster as a card (name, size, composition, a montage
            of its medoid and 11 members), a page per cluster, a 2-D map of the archive and the quality metrics. It opens
            from disk with no server and no internet. Thumbnails need the archive files on this machine.

            Examples:
              radnet report --results radnet-out --out radnet-out/report
              xdg-open radnet-out/report/index.html
              radnet report --connection "$CONN" --out radnet-report --sample 100

            Against a cluster (--connection) the report is built from a sample, never the whole archive: each cluster's
            size, composition and the quality table are exact (the cluster grains), while its members, map points, report
            terms and montage are the --sample instances nearest its centre. No thumbnails (the files are blobs).
            """) { output, json, paths, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var results = source.IsCluster(parse) ? await SampleAsync(source, parse, parse.GetValue(sample), cancellationToken) : source.ReadFolder(parse);
            var summary = Write(results, parse.GetValue(output)!.FullName, ArchivePaths.Parse(parse.GetValue(paths)!), announce: !parse.GetValue(json));
            if (parse.GetValue(json)) JsonOutput.Write(summary);
            return 0;
        });
        return command;
    }

    private static async Task<ArchiveResults> SampleAsync(ResultsSourceOptions source, ParseResult parse, int sample, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        return (await session.CatalogueAsync(sample, keepVectors: true, cancellationToken)).AsResults();
    }

    /// <summary>
    /// Writes the report of <paramref name="results"/> (with the run's quality table, or the fused one from the
    /// instances; thumbnails are read from the archive, archive paths are shown as <paramref name="paths"/> says) and,
    /// if asked, prints where.
    /// </summary>
    public static ReviewReportSummary Write(ArchiveResults results, string folder, PathMode paths, bool announce = true)
    {
        var summary = ReviewReport.Write(results with { Quality = ResultsQuality.Of(results) }, folder, new ReviewReportOptions { Paths = paths });
        if (!announce) return summary;
        var failed = summary.ThumbnailsFailed > 0 ? $", {summary.ThumbnailsFailed} could not be rendered: see the placeholders' titles" : "";
        AnsiConsole.MarkupLineInterpolated($"Review report: [bold]{summary.IndexPath}[/] ({summary.Pages} pages, {summary.ThumbnailsWritten} thumbnails{failed})");
        return summary;
    }
}

using System.Globalization;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Evaluation;
using Spectre.Console;

namespace RadiologyNet.Client.Output;

/// <summary>Prints what a run did: accounting, throughput, the cluster table and the quality table.</summary>
public static class RunSummary
{
    /// <summary>Writes the summary to the console.</summary>
    public static void Print(AnnotationResult result, QualityReport quality, IReadOnlyList<ClusterTableRow> clusters)
    {
        var annotated = result.Rows.Count(r => r.Status == "annotated");
        var quarantined = result.Rows.Count - annotated;
        AnsiConsole.Write(ClusterTableRow.Render(clusters));
        AnsiConsole.Write(QualityTable.Render(quality));
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{result.Rows.Count}[/] accepted = [green]{annotated}[/] annotated + [yellow]{quarantined}[/] quarantined; {result.SkippedNonDicom} non-DICOM files skipped; " +
            $"k = {result.Status.Clusters}; {result.Elapsed.TotalSeconds:F1} s, {result.ImagesPerSecond:F1} images/s"));
        foreach (var reason in result.Rows.Where(r => r.Status != "annotated").GroupBy(r => r.Reason).OrderByDescending(g => g.Count()).Take(10))
            AnsiConsole.MarkupLineInterpolated($"  [yellow]quarantined[/] {reason.Count()} × {reason.Key}");
    }
}

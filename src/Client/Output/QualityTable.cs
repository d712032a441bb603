using System.Globalization;
using RadiologyNet.Client.Evaluation;
using Spectre.Console;

namespace RadiologyNet.Client.Output;

/// <summary>Renders a <see cref="QualityReport"/>: one row per label and source with homogeneity, completeness, V-measure, NMI and ARI.</summary>
public static class QualityTable
{
    /// <summary>The console table.</summary>
    public static Table Render(QualityReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Quality vs {(report.LabelSource == "truth" ? "ground truth" : "tags (Modality, BodyPartExamined)")}, n = {report.N}");
        table.AddColumn("label").AddColumn("source");
        foreach (var c in new[] { "homogeneity", "completeness", "V-measure", "NMI", "ARI" }) table.AddColumn(new TableColumn(c).RightAligned());
        foreach (var (label, perSource) in report.Metrics)
        {
            foreach (var source in QualityReport.SourceOrder)
            {
                if (!perSource.TryGetValue(source, out var s)) continue;
                table.AddRow(Markup.Escape(label), source, F(s.Homogeneity), F(s.Completeness), F(s.VMeasure), F(s.Nmi), F(s.AdjustedRand));
            }
        }
        return table;
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}

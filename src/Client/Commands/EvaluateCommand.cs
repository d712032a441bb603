using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet evaluate</c>: the quality table per label and per source and the cluster × label tables of annotated
/// results; with <c>--truth</c>, scores an annotations CSV against the label columns of a truth CSV instead.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var truth = new Option<FileInfo?>("--truth") { Description = "CSV with a key column and label columns (scores --annotations against it)" };
        var annotations = new Option<FileInfo?>("--annotations") { Description = "annotations.csv written by annotate (with --truth; against a cluster leave it out to score the cluster's own rows)" };
        var key = new Option<string>("--key") { Description = "Join column: sop_instance_uid or file", DefaultValueFactory = _ => "sop_instance_uid" };
        key.AcceptOnlyFromAmong("sop_instance_uid", "file");
        var labels = new Option<string[]>("--labels") { Description = "Label columns to score (default: every non-identifier column)", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var sample = SampleOption.Create();
        var source = new ResultsSourceOptions();
        var command = new Command("evaluate", """
            Show how the clusters agree with the modality and region tags: homogeneity, completeness, V-measure, NMI and ARI
            per label and per source, and a cluster × label table. With --truth, score an annotations CSV against any label
            columns of a truth CSV (prints JSON).

            Examples:
              radnet evaluate --results radnet-out
              radnet evaluate --json --connection "$CONN"
              radnet evaluate --truth truth.csv --annotations radnet-out/annotations.csv --key file
              radnet evaluate --truth truth.csv --connection "$CONN"

            Against a cluster (--connection) the scores come from the cluster grains' modality and region histograms (the
            cluster × label contingency table), so no instance is read; the tables' cluster names are built as in
            `radnet clusters` (--sample). With --truth and no --annotations, the cluster's export rows are streamed and
            tallied against the truth CSV (join with --key sop_instance_uid: the cluster's file column is the blob name).
            """) { truth, annotations, key, labels, json, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(truth) is { } truthFile)
            {
                var labelColumns = parse.GetValue(labels)?.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
                var scored = parse.GetValue(annotations) is { } annotationsFile
                    ? TruthEvaluation.Evaluate(truthFile.FullName, annotationsFile.FullName, parse.GetValue(key)!, labelColumns)
                    : source.IsCluster(parse)
                        ? await TruthInClusterAsync(source, parse, truthFile.FullName, parse.GetValue(key)!, labelColumns, cancellationToken)
                        : throw new ArgumentException("--truth needs --annotations FILE (or a running cluster, --connection)");
                Console.WriteLine(JsonSerializer.Serialize(scored, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            if (source.IsCluster(parse)) return await InClusterAsync(source, parse, parse.GetValue(json), parse.GetValue(sample), cancellationToken);
            var results = source.ReadFolder(parse);
            Show(ResultsQuality.Of(results), new[] { "modality", "region" }.Select(l => ConfusionTable.Of(results, l)).ToList(),
                parse.GetValue(json), c => results.FindCluster(c)?.Name ?? "");
            return 0;
        });
        return command;
    }

    private static async Task<int> InClusterAsync(ResultsSourceOptions source, ParseResult parse, bool json, int sample, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        var summaries = session.Model.Summaries;
        var tables = HistogramQuality.Labels.Select(l => HistogramQuality.Confusion(summaries, l.Label)).ToList();
        // Names only label the tables: JSON output does without them and reads nothing but the cluster grains.
        var names = json ? null : (await session.CatalogueAsync(sample, keepVectors: false, cancellationToken)).Names;
        Show(HistogramQuality.Of(summaries), tables, json, c => names?.GetValueOrDefault(c) ?? "");
        return 0;
    }

    private static async Task<TruthEvaluationResult> TruthInClusterAsync(ResultsSourceOptions source, ParseResult parse, string truthCsv, string key,
        IReadOnlyList<string>? labelColumns, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        var rows = ClusterExport.ReadAsync(session.Client, session.Storage.StudiesContainer(), cancellationToken).ToBlockingEnumerable(cancellationToken)
            .Select(i => new AnnotatedRow(key == "file" ? i.File : i.SopInstanceUid, i.Status, i.Cluster?.ToString(CultureInfo.InvariantCulture) ?? ""));
        return TruthEvaluation.Evaluate(truthCsv, rows, key, labelColumns);
    }

    private static void Show(QualityReport quality, IReadOnlyList<ConfusionTable> tables, bool json, Func<int, string> clusterName)
    {
        if (json)
        {
            JsonOutput.Write(new { quality, confusion = tables });
            return;
        }
        AnsiConsole.Write(QualityTable.Render(quality));
        foreach (var t in tables) AnsiConsole.Write(Render(t, clusterName));
    }

    private static Table Render(ConfusionTable t, Func<int, string> clusterName)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Clusters × {t.Label}");
        table.AddColumn("cluster");
        foreach (var c in t.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        foreach (var row in t.Rows)
        {
            var max = row.Counts.Max();
            table.AddRow([new Markup(Markup.Escape($"{row.Cluster} {clusterName(row.Cluster)}")),
                .. row.Counts.Select(c => new Markup(c == 0 ? "[grey]·[/]" : c == max ? $"[bold]{c}[/]" : c.ToString(CultureInfo.InvariantCulture)))]);
        }
        return table;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
        var annotations = new Option<FileInfo?>("--annotations") { Description = "annotations.csv written by annotate (with --truth)" };
        var key = new Option<string>("--key") { Description = "Join column: sop_instance_uid or file", DefaultValueFactory = _ => "sop_instance_uid" };
        key.AcceptOnlyFromAmong("sop_instance_uid", "file");
        var labels = new Option<string[]>("--labels") { Description = "Label columns to score (default: every non-identifier column)", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var source = new ResultsSourceOptions();
        var command = new Command("evaluate", """
            Show how the clusters agree with the modality and region tags: homogeneity, completeness, V-measure, NMI and ARI
            per label and per source, and a cluster × label table. With --truth, score an annotations CSV against any label
            columns of a truth CSV (prints JSON).

            Examples:
              radnet evaluate --results radnet-out
              radnet evaluate --json --connection "$CONN"
              radnet evaluate --truth truth.csv --annotations radnet-out/annotations.csv --key file
            """) { truth, annotations, key, labels, json };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(truth) is { } truthFile)
            {
                var annotationsFile = parse.GetValue(annotations) ?? throw new ArgumentException("--truth needs --annotations FILE");
                var scored = TruthEvaluation.Evaluate(truthFile.FullName, annotationsFile.FullName, parse.GetValue(key)!,
                    parse.GetValue(labels)?.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList());
                Console.WriteLine(JsonSerializer.Serialize(scored, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var results = await source.LoadAsync(parse, cancellationToken);
            var quality = ResultsQuality.Of(results);
            var tables = new[] { "modality", "region" }.Select(l => ConfusionTable.Of(results, l)).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { quality, confusion = tables });
                return 0;
            }
            AnsiConsole.Write(QualityTable.Render(quality));
            foreach (var t in tables) AnsiConsole.Write(Render(t, results));
            return 0;
        });
        return command;
    }

    private static Table Render(ConfusionTable t, ArchiveResults results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Clusters × {t.Label}");
        table.AddColumn("cluster");
        foreach (var c in t.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        foreach (var row in t.Rows)
        {
            var name = results.FindCluster(row.Cluster)?.Name ?? "";
            var max = row.Counts.Max();
            table.AddRow([new Markup(Markup.Escape($"{row.Cluster} {name}")),
                .. row.Counts.Select(c => new Markup(c == 0 ? "[grey]·[/]" : c == max ? $"[bold]{c}[/]" : c.ToString(CultureInfo.InvariantCulture)))]);
        }
        return table;
    }
}

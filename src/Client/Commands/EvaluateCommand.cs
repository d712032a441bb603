using System.CommandLine;
using System.Text.Json;
using RadiologyNet.Client.Evaluation;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet evaluate</c>: scores annotations.csv against the label columns of a truth CSV and prints JSON.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "CSV with a key column and label columns", Required = true };
        var annotations = new Option<FileInfo>("--annotations") { Description = "annotations.csv written by annotate", Required = true };
        var key = new Option<string>("--key") { Description = "Join column: sop_instance_uid or file", DefaultValueFactory = _ => "sop_instance_uid" };
        key.AcceptOnlyFromAmong("sop_instance_uid", "file");
        var labels = new Option<string[]>("--labels") { Description = "Label columns to score (default: every non-identifier column)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("evaluate", "Score annotations against ground-truth labels (homogeneity, completeness, V-measure, NMI, ARI)") { truth, annotations, key, labels };
        command.SetAction(parse =>
        {
            var result = TruthEvaluation.Evaluate(parse.GetValue(truth)!.FullName, parse.GetValue(annotations)!.FullName, parse.GetValue(key)!,
                parse.GetValue(labels)?.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList());
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet demo</c>: synthesise a small multi-modality archive, annotate it in an in-process silo and print the quality table.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images to synthesise", DefaultValueFactory = _ => 300 };
        var clusters = new Option<int>("--clusters", "-k") { Description = "Number of clusters k", DefaultValueFactory = _ => 12 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the synthetic archive and the results", DefaultValueFactory = _ => new DirectoryInfo("radnet-demo") };
        var paths = ArchivePaths.CreateOption(PathMode.Relative, "annotations.csv, instances.csv and the review report");
        var options = new AnnotationCommandOptions();
        var command = new Command("demo", "Synthesise a small multi-modality archive, annotate it and print the quality table") { images, clusters, output, paths };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var root = parse.GetValue(output)!.FullName;
            var archive = Path.Combine(root, "archive");
            if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
            {
                var manifest = AnsiConsole.Status().Start("Synthesising the demo archive…", _ =>
                    DemoArchive.Synthesize(archive, new DemoOptions(parse.GetValue(images)), null));
                AnsiConsole.MarkupLineInterpolated($"Synthesised {manifest.Images} images in {manifest.Studies} studies of {manifest.Classes.Count} classes in {clock.Elapsed.TotalSeconds:F1} s");

                var settings = options.Read(parse, archive, parse.GetValue(clusters), manifest.ReportsCsv);
                var result = await ProgressDisplay.RunAsync(progress => AnnotationRunner.RunAsync(settings, progress, cancellationToken));
                var truth = ReadTruth(manifest.TruthCsv);
                var quality = QualityReport.Build(result.Sources, truth, labelTagsInFeatures: false);
                var fused = result.Sources.LabelsBySource.GetValueOrDefault("fused") ?? [];
                var sops = result.Sources.SopInstanceUids;
                RunSummary.Print(result, quality, ClusterTableRow.Build(fused,
                    sops.Select(s => truth.GetValueOrDefault(s)?.GetValueOrDefault("modality") ?? "?").ToArray(),
                    sops.Select(s => truth.GetValueOrDefault(s)?.GetValueOrDefault("region") ?? "?").ToArray()));
                var pathMode = ArchivePaths.Parse(parse.GetValue(paths)!);
                AnnotationsCsv.Write(Path.Combine(root, "annotations.csv"), result.Rows, pathMode);
                File.WriteAllText(Path.Combine(root, "evaluation.json"), quality.ToJson());
                ResultsStore.Write(root, ArchivePaths.Apply(result.Results with { Quality = quality }, pathMode));
                ReportCommand.Write(result.Results with { Quality = quality }, Path.Combine(root, "report"), pathMode);
                AnsiConsole.MarkupLineInterpolated($"Archive, annotations.csv, evaluation.json and the results are in [bold]{root}[/]; explore them with 'radnet clusters --results {root}'");
                AnsiConsole.MarkupLineInterpolated($"Demo finished in {clock.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
        });
        return command;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadTruth(string path)
    {
        var table = CsvTable.Read(path);
        var sop = table.IndexOf("sop_instance_uid");
        var modality = table.IndexOf("modality");
        var region = table.IndexOf("region");
        return table.Rows.ToDictionary(r => r[sop], r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["modality"] = r[modality],
            ["region"] = r[region],
        }, StringComparer.Ordinal);
    }
}

using System.CommandLine;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet annotate FOLDER</c>: annotate every DICOM image under a folder and write annotations.csv and evaluation.json.</summary>
public static class AnnotateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Archive folder, walked recursively" };
        var clusters = new Option<int>("--clusters", "-k") { Description = "Number of clusters k", DefaultValueFactory = _ => 50 };
        var reports = new Option<FileInfo?>("--reports") { Description = "Reports CSV with columns study_uid (or accession_number) and text (sidecar <StudyInstanceUID>.txt files are also read)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", DefaultValueFactory = _ => new DirectoryInfo("radnet-out") };
        var paths = ArchivePaths.CreateOption(PathMode.Relative, "annotations.csv, instances.csv and the review report");
        var options = new AnnotationCommandOptions();
        var command = new Command("annotate", "Annotate every DICOM image under a folder with a cluster label") { folder, clusters, reports, output, paths };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = options.Read(parse, parse.GetValue(folder)!.FullName, parse.GetValue(clusters), parse.GetValue(reports)?.FullName);
            var outDir = parse.GetValue(output)!;
            var result = await ProgressDisplay.RunAsync(progress => AnnotationRunner.RunAsync(settings, progress, cancellationToken));
            outDir.Create();
            var pathMode = ArchivePaths.Parse(parse.GetValue(paths)!);
            AnnotationsCsv.Write(Path.Combine(outDir.FullName, "annotations.csv"), result.Rows, pathMode);
            var quality = QualityReport.Build(result.Sources, truth: null, labelTagsInFeatures: false);
            File.WriteAllText(Path.Combine(outDir.FullName, "evaluation.json"), quality.ToJson());
            ResultsStore.Write(outDir.FullName, ArchivePaths.Apply(result.Results with { Quality = quality }, pathMode));
            ReportCommand.Write(result.Results with { Quality = quality }, Path.Combine(outDir.FullName, "report"), pathMode);
            RunSummary.Print(result, quality, ClusterTableRow.Build(result.Sources.LabelsBySource.GetValueOrDefault("fused") ?? [], result.Sources.Modalities, result.Sources.Regions));
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.Combine(outDir.FullName, "annotations.csv")}[/], evaluation.json and the results the query commands read (radnet clusters --results {outDir.FullName})");
            return 0;
        });
        return command;
    }
}

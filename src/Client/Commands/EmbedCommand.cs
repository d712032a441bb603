using System.CommandLine;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Output;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet embed FOLDER --out DIR</c>: write every source's features as .npy files for other tools.</summary>
public static class EmbedCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Archive folder, walked recursively" };
        var reports = new Option<FileInfo?>("--reports") { Description = "Reports CSV with columns study_uid (or accession_number) and text (sidecar <StudyInstanceUID>.txt files are also read)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var projectDim = new Option<int>("--project-dim") { Description = "Also write fused_projected.npy: the fused vectors through a seeded sparse random projection to this many dimensions (0 = off)" };
        var projectSeed = new Option<long>("--project-seed") { Description = "Seed of the random projection", DefaultValueFactory = _ => 42 };
        var paths = ArchivePaths.CreateOption(PathMode.Relative, "ids.csv and quarantined.csv");
        var options = new AnnotationCommandOptions();
        var command = new Command("embed", "Write image.npy, metadata.npy, report.npy, fused.npy and ids.csv for every DICOM image under a folder") { folder, reports, output, projectDim, projectSeed, paths };
        options.AddTo(command, clustering: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = options.Read(parse, parse.GetValue(folder)!.FullName, clusters: 1, parse.GetValue(reports)?.FullName);
            var outDir = parse.GetValue(output)!.FullName;
            var dimension = parse.GetValue(projectDim);
            if (dimension < 0) throw new ArgumentException("--project-dim must be >= 0");
            var summary = await ProgressDisplay.RunAsync(progress => EmbeddingExport.RunAsync(settings, outDir, progress, cancellationToken, dimension, parse.GetValue(projectSeed), ArchivePaths.Parse(parse.GetValue(paths)!)));
            AnsiConsole.MarkupLineInterpolated(
                $"Embedded {summary.Embedded} images ({summary.ImageDim} + {summary.MetadataDim} + {summary.ReportDim} dimensions), quarantined {summary.Quarantined}, in {summary.Elapsed.TotalSeconds:F1} s; wrote [bold]{outDir}[/]");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Output;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet ingest FOLDER --connection CS</c>: upload a folder of DICOM files to the studies container and stream them to the cluster.</summary>
public static class IngestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Archive folder, walked recursively" };
        var reports = new Option<FileInfo?>("--reports") { Description = "Reports CSV with columns study_uid,text (sidecar <StudyInstanceUID>.txt files and DICOM SR are also read)" };
        var parallel = new Option<int>("--parallel") { Description = "Uploads in flight", DefaultValueFactory = _ => 8 };
        var shards = new Option<int>("--shards") { Description = "Embedding shards per model (as configured on the silos)", DefaultValueFactory = _ => 8 };
        var storage = new StorageCommandOptions();
        var command = new Command("ingest", "Upload DICOM files to the studies container, then put one ingest event per instance not yet settled on the stream")
        {
            folder, reports, parallel, shards,
        };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await ProgressDisplay.RunAsync(progress => IngestRunner.RunAsync(parse.GetValue(folder)!.FullName, parse.GetValue(reports)?.FullName,
                storage.Read(parse), storage.Model(parse), parse.GetValue(shards), Math.Max(1, parse.GetValue(parallel)), progress, cancellationToken));
            AnsiConsole.MarkupLineInterpolated(
                $"Ingested [bold]{result.Scanned}[/] files: {result.Uploaded} uploaded, {result.AlreadyStored} already stored, {result.Reports} reports; {result.Enqueued} events enqueued, {result.AlreadySettled} already settled; {result.Rejected.Count} rejected");
            foreach (var (path, reason) in result.Rejected.Take(20)) Console.Error.WriteLine($"rejected {path}: {reason}");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text;
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
        var rejected = new Option<FileInfo?>("--rejected") { Description = "Write every rejected file to this CSV (path,reason) as it is met; the console shows the first 20" };
        var storage = new StorageCommandOptions();
        var command = new Command("ingest", "Upload DICOM files to the studies container, putting one ingest event per instance not yet settled on the stream as each upload finishes")
        {
            folder, reports, parallel, shards, rejected,
        };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var rejectedCsv = parse.GetValue(rejected) is { } file ? new StreamWriter(file.FullName, false, new UTF8Encoding(false)) : null;
            var result = await ProgressDisplay.RunAsync(progress => IngestRunner.RunAsync(parse.GetValue(folder)!.FullName, parse.GetValue(reports)?.FullName,
                storage.Read(parse), storage.Model(parse), parse.GetValue(shards), Math.Max(1, parse.GetValue(parallel)), progress, cancellationToken, rejectedCsv));
            AnsiConsole.MarkupLineInterpolated(
                $"Ingested [bold]{result.Scanned}[/] files: {result.Uploaded} uploaded, {result.AlreadyStored} already stored, {result.Reports} reports uploaded; {result.Enqueued} events enqueued, {result.AlreadySettled} already settled; {result.Rejected} rejected");
            foreach (var (path, reason) in result.RejectedExamples) Console.Error.WriteLine($"rejected {path}: {reason}");
            if (result.Rejected > result.RejectedExamples.Count)
                Console.Error.WriteLine(parse.GetValue(rejected) is { } all ? $"all {result.Rejected} rejected files are in {all.FullName}" : $"... and {result.Rejected - result.RejectedExamples.Count} more (--rejected FILE lists them all)");
            return 0;
        });
        return command;
    }
}

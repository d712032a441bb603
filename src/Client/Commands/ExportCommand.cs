using System.CommandLine;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Output;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet export --connection CS --out FILE</c>: one CSV row per ingested instance with its cluster or quarantine reason.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write", DefaultValueFactory = _ => new FileInfo("annotations.csv") };
        var storage = new StorageCommandOptions();
        var command = new Command("export", "Write one row per ingested instance (cluster, distance, status, reason); no PHI") { output };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = storage.Read(parse);
            await using var cluster = await ClusterClientHost.ConnectAsync(options, cancellationToken);
            var export = await ClusterExport.CollectAsync(cluster.Client, options, cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            AnnotationsCsv.Write(path, export.Rows);
            Console.Error.WriteLine($"ingested {export.Ingested} = annotated {export.Annotated} + quarantined {export.Quarantined} + pending {export.Pending}; wrote {path}");
            return 0;
        });
        return command;
    }
}

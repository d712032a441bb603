using System.CommandLine;
using System.Text;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet export</c>: one row per instance with cluster id, name, distance, model version, status and reason; no PHI.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "csv or jsonl", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "File to write (default: standard output)" };
        var paths = ArchivePaths.CreateOption(PathMode.None, "the file column (the export carries none unless asked)");
        var source = new ResultsSourceOptions();
        var command = new Command("export", """
            Write one row per instance: cluster id and name, distance, model version, status and quarantine reason. No PHI.
            Archive paths, which often hold patient names, are left out (an empty file column) unless --paths asks for them.
            The accounting (accepted = annotated + quarantined + pending) goes to standard error.

            Examples:
              radnet export --format csv --out labels.csv
              radnet export --format jsonl | head
              radnet export --paths hashed --out labels.csv
              radnet export --connection "$CONN" --out labels.csv
            """) { format, output, paths };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var results = await source.LoadAsync(parse, cancellationToken);
            var path = parse.GetValue(output)?.FullName;
            var pathMode = ArchivePaths.Parse(parse.GetValue(paths)!);
            if (path is null)
            {
                ResultsExport.Write(Console.Out, results, parse.GetValue(format)!, pathMode);
                Console.Out.Flush();
            }
            else
            {
                using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
                ResultsExport.Write(writer, results, parse.GetValue(format)!, pathMode);
            }
            var count = (string status) => results.Instances.Count(i => i.Status == status);
            Console.Error.WriteLine($"{results.Instances.Count} accepted = annotated {count("annotated")} + quarantined {count("quarantined")} + pending {count("pending")}"
                + (path is null ? "" : $"; wrote {path}"));
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Distributed;
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
        var sample = SampleOption.Create();
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

            Against a cluster (--connection) the rows are streamed: the container's instance blobs are listed page by page and
            each study grain is asked for its instances, so memory stays constant however large the archive. The distance is
            the one recorded when the instance was last assigned; cluster names are built as in `radnet clusters` (report
            terms from the --sample members nearest each centre).
            """) { format, output, paths, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)?.FullName;
            var pathMode = ArchivePaths.Parse(parse.GetValue(paths)!);
            var folder = source.IsCluster(parse) ? null : source.ReadFolder(parse);
            // Buffered, not the console's line-by-line writer: a cluster's rows stream through at tens of thousands a second.
            await using var writer = path is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16)
                : new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            var counts = folder is null
                ? await InClusterAsync(source, parse, writer, parse.GetValue(format)!, pathMode, parse.GetValue(sample), cancellationToken)
                : Write(writer, folder, parse.GetValue(format)!, pathMode);
            await writer.FlushAsync(cancellationToken);
            Console.Error.WriteLine($"{counts.Accepted} accepted = annotated {counts.Annotated} + quarantined {counts.Quarantined} + pending {counts.Pending}"
                + (path is null ? "" : $"; wrote {path}"));
            return 0;
        });
        return command;
    }

    private static StatusCounts Write(TextWriter writer, ArchiveResults results, string format, PathMode paths)
    {
        var counts = new StatusCounts();
        ResultsExport.Write(writer, counts.Count(results.Instances), results.Clusters.ToDictionary(c => c.Id, c => c.Name), results.Model.Version, format, paths);
        return counts;
    }

    private static async Task<StatusCounts> InClusterAsync(ResultsSourceOptions source, ParseResult parse, TextWriter writer, string format, PathMode paths,
        int sample, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        var names = (await session.CatalogueAsync(sample, keepVectors: false, cancellationToken)).Names;
        var counts = new StatusCounts();
        var rows = ClusterExport.ReadAsync(session.Client, session.Storage.StudiesContainer(), cancellationToken).ToBlockingEnumerable(cancellationToken);
        ResultsExport.Write(writer, counts.Count(rows), names, session.Model.Snapshot.Version, format, paths);
        return counts;
    }

    /// <summary>The accounting of the rows written, counted as they pass.</summary>
    private sealed class StatusCounts
    {
        public long Annotated { get; private set; }

        public long Quarantined { get; private set; }

        public long Pending { get; private set; }

        public long Accepted { get; private set; }

        public IEnumerable<InstanceResult> Count(IEnumerable<InstanceResult> rows)
        {
            foreach (var row in rows)
            {
                Accepted++;
                if (row.Status == "annotated") Annotated++;
                else if (row.Status == "quarantined") Quarantined++;
                else if (row.Status == "pending") Pending++;
                yield return row;
            }
        }
    }
}

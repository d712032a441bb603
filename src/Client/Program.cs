using System.CommandLine;
using RadiologyNet.Client.Commands;
using Spectre.Console;

// Piped output has no terminal width to read: honour COLUMNS, as shells and most tools do.
if (Console.IsOutputRedirected && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40)
    AnsiConsole.Profile.Width = columns;

var root = new RootCommand("""
    radnet: unsupervised annotation of radiology image archives (pixels + DICOM metadata + reports).

    Query commands read the results folder written by 'annotate' or 'demo' (--results, default radnet-out), or a running
    cluster (--connection or RADNET_Storage__ConnectionString). Exit codes: 0 success, 1 usage error, 2 runtime failure.

    Examples:
      radnet demo
      radnet annotate /data/archive -k 50 --out radnet-out
      radnet clusters
      radnet cluster show 3
      radnet similar <SOPInstanceUID> -k 5
      radnet export --format jsonl --out labels.jsonl
      radnet report --out radnet-out/report
    """)
{
    DemoCommand.Create(),
    AnnotateCommand.Create(),
    StatusCommand.Create(),
    ClustersCommand.Create(),
    ClusterCommand.Create(),
    ImageCommand.Create(),
    SimilarCommand.Create(),
    EvaluateCommand.Create(),
    RefineCommand.Create(),
    ExportCommand.Create(),
    ReportCommand.Create(),
    IngestCommand.Create(),
    EmbedCommand.Create(),
    EmbedTextCommand.Create(),
    DumpCommand.Create(),
    RenderCommand.Create(),
    MetricsCommand.Create(),
    LoadTestCommand.Create(),
};

try
{
    // No response files: "@path" is for options that read a file themselves (--connection @path).
    return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
{
    // The user asked for something that is not there or not valid: a usage error.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("error: cancelled");
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

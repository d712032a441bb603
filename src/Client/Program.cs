using System.CommandLine;
using RadiologyNet.Client.Commands;
using Spectre.Console;

var root = new RootCommand("radnet: unsupervised annotation of radiology image archives (pixels + DICOM metadata + reports)")
{
    DemoCommand.Create(),
    AnnotateCommand.Create(),
    EvaluateCommand.Create(),
    DumpCommand.Create(),
    RenderCommand.Create(),
    ClusterCommand.Create(),
    MetricsCommand.Create(),
    EmbedCommand.Create(),
    IngestCommand.Create(),
    StatusCommand.Create(),
    RefineCommand.Create(),
    ExportCommand.Create(),
    EmbedTextCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
    return 1;
}

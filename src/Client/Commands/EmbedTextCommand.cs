using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using RadiologyNet.Client.Output;
using RadiologyNet.Clustering.Npy;
using RadiologyNet.Features;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet embed-text CSV --out DIR</c>: report texts of a CSV (no DICOM) through the silo's report embedder
/// (MiniLM, the <c>ReportModel:*</c> settings, <c>RADNET_</c> environment variables included) into
/// <c>DIR/report.npy</c> (float32, C order, one row per CSV row) and <c>DIR/ids.csv</c> (row, id). Blank texts
/// give zero rows, as a study without a report does.
/// </summary>
public static class EmbedTextCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var csv = new Argument<FileInfo>("csv") { Description = "CSV with a header row; one report per row" };
        var textColumn = new Option<string>("--text-column") { Description = "Column holding the report text", DefaultValueFactory = _ => "text" };
        var idColumn = new Option<string>("--id-column") { Description = "Column holding the row's id", DefaultValueFactory = _ => "id" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var command = new Command("embed-text", "Write report.npy and ids.csv for the report texts of a CSV") { csv, textColumn, idColumn, output };
        command.SetAction(parse =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (rows, dimension) = Run(parse.GetValue(csv)!.FullName, parse.GetValue(textColumn)!, parse.GetValue(idColumn)!, parse.GetValue(output)!.FullName);
            AnsiConsole.MarkupLineInterpolated($"Embedded {rows} texts ({dimension} dimensions) in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }

    /// <summary>Embeds every row's text; returns the row count and the embedding dimension.</summary>
    public static (int Rows, int Dimension) Run(string csvPath, string textColumn, string idColumn, string outDir)
    {
        var table = CsvTable.Read(csvPath);
        var text = table.IndexOf(textColumn);
        var id = table.IndexOf(idColumn);
        if (text < 0) throw new FormatException($"{csvPath}: no column '{textColumn}'");
        if (id < 0) throw new FormatException($"{csvPath}: no column '{idColumn}'");

        var options = new ReportEmbedderOptions { Sessions = Environment.ProcessorCount };
        new ConfigurationBuilder().AddEnvironmentVariables("RADNET_").Build().GetSection("ReportModel").Bind(options);
        using var embedder = new ReportEmbedder(options);
        var vectors = new float[table.Rows.Count][];
        Parallel.For(0, table.Rows.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Sessions },
            i => vectors[i] = embedder.Embed(table.Rows[i][text]));

        Directory.CreateDirectory(outDir);
        var data = new float[vectors.Length * embedder.Dimension];
        for (var i = 0; i < vectors.Length; i++) vectors[i].CopyTo(data, i * embedder.Dimension);
        NpyWriter.Write(Path.Combine(outDir, "report.npy"), data, vectors.Length, embedder.Dimension);
        CsvWriter.Write(Path.Combine(outDir, "ids.csv"), ["row", "id"],
            table.Rows.Select((r, i) => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), r[id]]));
        return (vectors.Length, embedder.Dimension);
    }
}

using System.Globalization;
using System.Text.Json;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Output;

/// <summary>
/// <c>radnet export</c>'s rows: one per file with its cluster id and name, distance, model version, status and
/// quarantine reason, as CSV or JSON lines. UIDs, and archive paths only when asked (<see cref="PathMode"/>); no PHI.
/// </summary>
public static class ResultsExport
{
    /// <summary>CSV columns, in order (the first eight are annotations.csv's).</summary>
    public static readonly string[] Columns =
        ["sop_instance_uid", "series_instance_uid", "study_instance_uid", "file", "cluster", "distance", "status", "reason", "cluster_name", "model_version"];

    // Readable UTF-8 (names hold '·' and quotes); still valid JSON, one object per line.
    private static readonly JsonSerializerOptions JsonLine = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every instance of <paramref name="results"/> to <paramref name="writer"/> as <c>csv</c> or <c>jsonl</c>, the <c>file</c> column as <paramref name="paths"/> says.</summary>
    public static void Write(TextWriter writer, ArchiveResults results, string format, PathMode paths) =>
        Write(writer, results.Instances, results.Clusters.ToDictionary(c => c.Id, c => c.Name), results.Model.Version, format, paths);

    /// <summary>
    /// Writes <paramref name="instances"/> as they are enumerated (a lazy sequence is streamed, never held), named by
    /// <paramref name="names"/> (cluster id → name) and stamped with <paramref name="modelVersion"/>.
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<InstanceResult> instances, IReadOnlyDictionary<int, string> names, int modelVersion,
        string format, PathMode paths)
    {
        var version = modelVersion.ToString(CultureInfo.InvariantCulture);
        var rows = instances.Select(i => (IReadOnlyList<string>)
        [
            i.SopInstanceUid, i.SeriesInstanceUid, i.StudyInstanceUid, ArchivePaths.Disclose(i.File, paths),
            i.Cluster?.ToString(CultureInfo.InvariantCulture) ?? "", i.Distance?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            i.Status, i.Reason, i.Cluster is { } c ? names.GetValueOrDefault(c, "") : "", version,
        ]);
        switch (format)
        {
            case "csv":
                CsvWriter.Write(writer, Columns, rows);
                break;
            case "jsonl":
                foreach (var row in rows)
                {
                    var record = new Dictionary<string, object?>();
                    for (var c = 0; c < Columns.Length; c++) record[Columns[c]] = Typed(Columns[c], row[c]);
                    writer.WriteLine(JsonSerializer.Serialize(record, JsonLine));
                }
                break;
            default:
                throw new ArgumentException($"--format must be csv or jsonl, not '{format}'");
        }
    }

    private static object? Typed(string column, string value) => column switch
    {
        "cluster" or "model_version" => value.Length == 0 ? null : int.Parse(value, CultureInfo.InvariantCulture),
        "distance" => value.Length == 0 ? null : double.Parse(value, CultureInfo.InvariantCulture),
        _ => value,
    };
}

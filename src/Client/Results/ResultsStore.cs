using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Output;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Results;

/// <summary>
/// Reads and writes <see cref="ArchiveResults"/> as a folder: <c>results.json</c> (model, clusters, quality),
/// <c>instances.csv</c> (one row per file), <c>fused.npy</c> and <c>centres.npy</c> (float32, C order).
/// </summary>
public static class ResultsStore
{
    /// <summary>The file that marks a results folder.</summary>
    public const string ManifestFile = "results.json";

    private const string InstancesFile = "instances.csv";
    private const string FusedFile = "fused.npy";
    private const string CentresFile = "centres.npy";

    private static readonly string[] InstanceColumns =
    [
        "sop_instance_uid", "series_instance_uid", "study_instance_uid", "file", "status", "reason", "cluster", "distance",
        "runner_up", "runner_up_distance", "modality", "region", "manufacturer", "sources", "vector_row",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Manifest(ResultsModel Model, IReadOnlyList<ClusterResult> Clusters, QualityReport? Quality);

    /// <summary>Writes the results into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(string folder, ArchiveResults results)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(new Manifest(results.Model, results.Clusters, results.Quality), Json));
        CsvWriter.Write(Path.Combine(folder, InstancesFile), InstanceColumns, results.Instances.Select(ToRow));
        var v = results.Vectors;
        NpyWriter.Write(Path.Combine(folder, FusedFile), v.Fused, v.Rows, v.Dimension);
        NpyWriter.Write(Path.Combine(folder, CentresFile), v.Centres, v.Clusters, v.Dimension);
    }

    /// <summary>True when <paramref name="folder"/> holds results.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ManifestFile));

    /// <summary>Reads the results in <paramref name="folder"/>; throws <see cref="FileNotFoundException"/> with a hint when there are none.</summary>
    public static ArchiveResults Read(string folder)
    {
        if (!Exists(folder))
            throw new FileNotFoundException($"no annotation results in '{folder}': run 'radnet annotate FOLDER --out {folder}' first, or pass --results DIR or --connection");
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(folder, ManifestFile)), Json)
            ?? throw new InvalidDataException($"'{Path.Combine(folder, ManifestFile)}' is empty");
        var table = CsvTable.Read(Path.Combine(folder, InstancesFile));
        var columns = InstanceColumns.Select(table.IndexOf).ToArray();
        var instances = table.Rows.Select(r => FromRow(r, columns)).ToList();
        var fused = NpyReader.ReadMatrix(Path.Combine(folder, FusedFile), out var rows, out var dimension);
        var centres = NpyReader.ReadMatrix(Path.Combine(folder, CentresFile), out var clusters, out var centreDimension);
        if (rows > 0 && clusters > 0 && centreDimension != dimension)
            throw new InvalidDataException($"'{folder}': fused vectors have {dimension} columns but the centres have {centreDimension}");
        return new ArchiveResults(manifest.Model, instances, manifest.Clusters, new ResultVectors(fused, rows, centres, clusters, rows > 0 ? dimension : centreDimension), manifest.Quality);
    }

    private static IReadOnlyList<string> ToRow(InstanceResult i) =>
    [
        i.SopInstanceUid, i.SeriesInstanceUid, i.StudyInstanceUid, i.File, i.Status, i.Reason,
        Format(i.Cluster), Format(i.Distance), Format(i.RunnerUp), Format(i.RunnerUpDistance),
        i.Modality, i.Region, i.Manufacturer, i.Sources.ToString(), i.VectorRow.ToString(CultureInfo.InvariantCulture),
    ];

    private static InstanceResult FromRow(IReadOnlyList<string> r, int[] c) => new(
        r[c[0]], r[c[1]], r[c[2]], r[c[3]], r[c[4]], r[c[5]],
        ParseInt(r[c[6]]), ParseFloat(r[c[7]]), ParseInt(r[c[8]]), ParseFloat(r[c[9]]),
        r[c[10]], r[c[11]], r[c[12]], Enum.Parse<FeatureSources>(r[c[13]]), int.Parse(r[c[14]], CultureInfo.InvariantCulture));

    private static string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Format(float? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static int? ParseInt(string s) => s.Length == 0 ? null : int.Parse(s, CultureInfo.InvariantCulture);

    private static float? ParseFloat(string s) => s.Length == 0 ? null : float.Parse(s, CultureInfo.InvariantCulture);
}

using RadiologyNet.Client.Output;
using RadiologyNet.Clustering;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// Reads a labeling for <c>radnet metrics</c>: a .npy of int32/int64 labels, or a CSV with a header row whose
/// label column is its only column, or the column named <c>label</c>, <c>labels</c> or <c>cluster</c>
/// (values are any strings; they are encoded to dense ints, which no agreement metric depends on).
/// </summary>
public static class LabelFile
{
    private static readonly string[] KnownColumns = ["label", "labels", "cluster"];

    /// <summary>The labels in file order.</summary>
    public static int[] Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Label file not found: {path}", path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".npy") return NpyReader.ReadLabels(path);
        if (ext != ".csv") throw new ArgumentException($"Label files must be .npy or .csv, got '{Path.GetFileName(path)}'.");
        var table = CsvTable.Read(path);
        int column = table.Header.Count == 1 ? 0 : KnownColumns.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        if (column < 0)
            throw new FormatException($"{Path.GetFileName(path)}: cannot tell the label column among [{string.Join(", ", table.Header)}]; use a single-column CSV or name it 'label' or 'cluster'.");
        return LabelEncoder.Encode(table.Rows.Select(r => r[column]).ToList(), out _);
    }
}

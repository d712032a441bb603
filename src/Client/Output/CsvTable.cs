using System.Text;
using RadiologyNet.Features;

namespace RadiologyNet.Client.Output;

/// <summary>
/// A CSV file read whole (RFC 4180: quoted fields may hold commas, quotes and newlines); the first row is the header.
/// Cells are restored from <see cref="CsvCell.Neutralise"/>'s formula guard (<c>'=x</c> reads as <c>=x</c>).
/// </summary>
public sealed class CsvTable
{
    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows, each as long as the header.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Index of a column, or -1.</summary>
    public int IndexOf(string column) => Array.IndexOf((string[])Header, column);

    /// <summary>Reads a CSV file with the RFC 4180 reader of the feature library; throws <see cref="FormatException"/> naming a malformed record.</summary>
    public static CsvTable Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        List<string[]> records;
        try
        {
            records = Csv.Read(reader).Select(r => Array.ConvertAll(r, CsvCell.Restore)).ToList();
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
        if (records.Count == 0) throw new FormatException($"{path}: empty CSV, a header row is required");
        var header = records[0].Select(h => h.Trim()).ToArray();
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
                throw new FormatException($"{path}: record {i + 1} has {records[i].Length} fields, the header {header.Length}");
        }
        return new CsvTable(header, records.Skip(1).ToList());
    }
}

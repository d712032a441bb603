using System.Text;

namespace RadiologyNet.Client.Output;

/// <summary>A CSV file read whole (RFC 4180: quoted fields may hold commas, quotes and newlines); the first row is the header.</summary>
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

    /// <summary>Reads a CSV file; throws <see cref="FormatException"/> naming the line of a malformed row.</summary>
    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        if (records.Count == 0) throw new FormatException($"{path}: empty CSV, a header row is required");
        var header = records[0].Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Length == 1 && r[0].Length == 0) continue;
            if (r.Length != header.Length)
                throw new FormatException($"{path}: record {i + 1} has {r.Length} fields, the header {header.Length}");
            rows.Add(r);
        }
        return new CsvTable(header, rows);
    }

    private static List<string[]> Parse(string text, string path)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        var quoted = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add(fields.ToArray()); fields.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"{path}: unterminated quoted field at the end of the file");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return records;
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

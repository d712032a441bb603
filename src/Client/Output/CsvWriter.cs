using System.Text;

namespace RadiologyNet.Client.Output;

/// <summary>Writes RFC 4180 CSV: comma separated, fields with comma, quote, CR or LF quoted with doubled quotes, LF line ends, UTF-8 without BOM.</summary>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="header"/> then <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows) AppendRow(text, row);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>One field, quoted when it must be.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Quote(fields[i]));
        }
        text.Append('\n');
    }
}

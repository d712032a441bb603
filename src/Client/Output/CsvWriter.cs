using System.Text;

namespace RadiologyNet.Client.Output;

/// <summary>
/// The one CSV writer of the program: RFC 4180, comma separated, fields with comma, quote, CR or LF quoted with doubled
/// quotes, LF line ends, UTF-8 without BOM; every field first goes through <see cref="CsvCell.Neutralise"/> (no formulas).
/// </summary>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="header"/> then <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(writer, header, rows);
    }

    /// <summary>Writes <paramref name="header"/> then <paramref name="rows"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        writer.Write(Line(header));
        foreach (var row in rows) writer.Write(Line(row));
    }

    private static string Line(IReadOnlyList<string> fields)
    {
        var text = new StringBuilder();
        AppendRow(text, fields);
        return text.ToString();
    }

    /// <summary>One field: neutralised, then quoted when it must be.</summary>
    public static string Field(string value)
    {
        var field = CsvCell.Neutralise(value);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Field(fields[i]));
        }
        text.Append('\n');
    }
}

using System.Text;

namespace RadiologyNet.Features;

/// <summary>
/// A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes, "" inside quotes is a
/// quote, quoted fields may hold commas and line breaks; records end at CRLF, LF or CR (outside quotes).
/// Lenient where the RFC is silent: text after a closing quote is appended; a final record without a line
/// break is returned; a UTF-8 BOM is skipped by the reader's encoding detection.
/// Errors name the line, never the content: CSV fields are often report text.
/// </summary>
public static class Csv
{
    /// <summary>Reads every record (the header is the first record; the caller decides what it means).</summary>
    public static IEnumerable<string[]> Read(TextReader reader) => ReadWithLines(reader).Select(r => r.Fields);

    /// <summary>As <see cref="Read"/>, with the 1-based line each record starts on (quoted line breaks count as lines).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">What errors call the text, e.g. its path; "CSV" when null.</param>
    public static IEnumerable<(int Line, string[] Fields)> ReadWithLines(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false; // anything seen in the current record
        int line = 1, recordLine = 1, quoteLine = 0;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && reader.Peek() != '\n')) line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    quoteLine = line;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n') reader.Read();
                    if (fieldStarted || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return (recordLine, fields.ToArray());
                    }
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (inQuotes) throw new FormatException($"{source ?? "CSV"}, line {quoteLine}: a quoted field opened here never closes");
        if (fieldStarted || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}

using System.Text;

namespace RadiologyNet.Features;

/// <summary>
/// A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes, "" inside quotes is a
/// quote, quoted fields may hold commas and line breaks; records end at CRLF, LF or CR (outside quotes).
/// Lenient where the RFC is silent: text after a closing quote is appended; a final record without a line
/// break is returned; a UTF-8 BOM is skipped by the reader's encoding detection.
/// </summary>
public static class Csv
{
    /// <summary>Reads every record (the header is the first record; the caller decides what it means).</summary>
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false; // anything seen in the current record
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
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
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
                        yield return fields.ToArray();
                    }
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (inQuotes) throw new FormatException("CSV ends inside a quoted field");
        if (fieldStarted || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}

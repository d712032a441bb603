namespace RadiologyNet.Dicom.Tests;

/// <summary>Reads ../shared/data/dicom/index.csv (RFC 4180 quoting) into dictionaries keyed by column name.</summary>
internal static class IndexCsv
{
    public static List<Dictionary<string, string>> Load(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path));
        var header = rows[0];
        var result = new List<Dictionary<string, string>>();
        foreach (var r in rows.Skip(1))
        {
            if (r.Count == 1 && r[0].Length == 0) continue;
            var d = new Dictionary<string, string>();
            for (var i = 0; i < header.Count; i++) d[header[i]] = i < r.Count ? r[i] : "";
            result.Add(d);
        }
        return result;
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}

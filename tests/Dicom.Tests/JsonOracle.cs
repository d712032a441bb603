using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// Compares our DICOM JSON model with pydicom 2.3.1's (../shared/data/dicom/json) element by element and lists
/// every disagreement as <c>json-file  tag-path  kind  detail</c>; numbers compare numerically (integers exactly).
/// </summary>
internal static class JsonOracle
{
    internal sealed record Disagreement(string File, string Path, string Kind, string Detail)
    {
        public string Key => $"{File}\t{Path}\t{Kind}";
        public override string ToString() => $"{Key}\t{Detail}";
    }

    internal sealed record Result(int Files, int Tags, List<Disagreement> Disagreements, List<string> Notes);

    public static Result Run()
    {
        var root = SharedData.Require("data");
        var rows = IndexCsv.Load(Path.Combine(root, "dicom", "index.csv"));
        var disagreements = new List<Disagreement>();
        var notes = new List<string>();
        var tags = 0;
        var files = 0;
        var writer = new DicomJsonWriter();
        foreach (var group in rows.Where(r => r["json"].Length > 0).GroupBy(r => r["json"]))
        {
            var row = group.First();
            var name = Path.GetFileName(row["json"]);
            files++;
            using var oracle = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, row["json"])));
            DicomFile file;
            try
            {
                file = DicomReader.Read(File.ReadAllBytes(Path.Combine(root, row["path"])));
            }
            catch (DicomFormatException e)
            {
                disagreements.Add(new(name, "-", "unreadable", e.Message));
                continue;
            }
            using var meta = JsonDocument.Parse(writer.Serialize(file.Meta));
            using var data = JsonDocument.Parse(writer.Serialize(file.Dataset));
            tags += Compare(name, "", oracle.RootElement.GetProperty("meta"), meta.RootElement, disagreements);
            tags += Compare(name, "", oracle.RootElement.GetProperty("dataset"), data.RootElement, disagreements);
        }
        return new Result(files, tags, disagreements, notes);
    }

    private static int Compare(string file, string prefix, JsonElement expected, JsonElement actual, List<Disagreement> output)
    {
        var count = 0;
        var ours = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (var p in expected.EnumerateObject())
        {
            count++;
            var path = prefix + p.Name;
            if (!ours.Remove(p.Name, out var a))
            {
                output.Add(new(file, path, "missing", p.Value.GetRawText()[..Math.Min(120, p.Value.GetRawText().Length)]));
                continue;
            }
            count += CompareElement(file, path, p.Value, a, output);
        }
        foreach (var (tag, value) in ours)
            output.Add(new(file, prefix + tag, "extra", value.GetRawText()[..Math.Min(120, value.GetRawText().Length)]));
        return count;
    }

    private static int CompareElement(string file, string path, JsonElement e, JsonElement a, List<Disagreement> output)
    {
        var evr = e.GetProperty("vr").GetString();
        var avr = a.GetProperty("vr").GetString();
        if (evr != avr)
        {
            output.Add(new(file, path, "vr", $"pydicom {evr} ours {avr}: pydicom {Short(e)} ours {Short(a)}"));
            return 0;
        }
        var eForm = Form(e);
        var aForm = Form(a);
        if (eForm != aForm)
        {
            output.Add(new(file, path, "form", $"pydicom {Short(e)} ours {Short(a)}"));
            return 0;
        }
        switch (eForm)
        {
            case "InlineBinary":
                if (e.GetProperty("InlineBinary").GetString() != a.GetProperty("InlineBinary").GetString())
                    output.Add(new(file, path, "binary", $"pydicom {Short(e)} ours {Short(a)}"));
                return 0;
            case "Value":
                var ev = e.GetProperty("Value");
                var av = a.GetProperty("Value");
                if (ev.GetArrayLength() != av.GetArrayLength())
                {
                    output.Add(new(file, path, "vm", $"pydicom {Short(e)} ours {Short(a)}"));
                    return 0;
                }
                var nested = 0;
                for (var i = 0; i < ev.GetArrayLength(); i++)
                {
                    var x = ev[i];
                    var y = av[i];
                    if (evr == "SQ")
                        nested += Compare(file, $"{path}[{i}].", x, y, output);
                    else if (!SameValue(x, y))
                    {
                        output.Add(new(file, path, "value", $"[{i}] pydicom {Trim(x.GetRawText())} ours {Trim(y.GetRawText())}"));
                        break;
                    }
                }
                return nested;
            default:
                return 0;
        }
    }

    private static bool SameValue(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            var xs = x.GetRawText();
            var ys = y.GetRawText();
            if (BigInteger.TryParse(xs, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bx)
                && BigInteger.TryParse(ys, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var by))
                return bx == by;
            return x.GetDouble() == y.GetDouble();
        }
        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var xp = x.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name).ToList();
            var yp = y.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name).ToList();
            return xp.SequenceEqual(yp);
        }
        return x.ValueKind == y.ValueKind && x.GetRawText() == y.GetRawText()
            || x.ValueKind == JsonValueKind.String && y.ValueKind == JsonValueKind.String && x.GetString() == y.GetString();
    }

    private static string Form(JsonElement e) =>
        e.TryGetProperty("Value", out _) ? "Value" : e.TryGetProperty("InlineBinary", out _) ? "InlineBinary"
        : e.TryGetProperty("BulkDataURI", out _) ? "BulkDataURI" : "empty";

    private static string Short(JsonElement e) => Trim(e.GetRawText());

    private static string Trim(string s) => s.Length > 100 ? s[..100] + "…" : s;
}

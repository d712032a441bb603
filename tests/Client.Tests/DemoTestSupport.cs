using System.Text;
using RadiologyNet.Client.Demo;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Tests;

/// <summary>An RFC 4180 CSV parser (quoted fields with commas, doubled quotes and line breaks) for checking the demo's CSVs.</summary>
internal static class DemoCsvReader
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
        return rows;
    }

    public static List<string[]> ReadFile(string path) => Parse(File.ReadAllText(path));
}

/// <summary>One demo instance read back: its truth row, the parsed file and its rendering.</summary>
internal sealed record DemoInstance(string File, string SopUid, string StudyUid, string Modality, string Region, DicomFile Dicom, FloatImage Image)
{
    public string ClassName => $"{Modality} {Region}";
}

/// <summary>Synthesises the default demo archive once for a test class, reads every file back, deletes it afterwards.</summary>
public sealed class DemoArchiveFixture : IDisposable
{
    public DemoArchiveFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "radnet-demo-test-" + Guid.NewGuid().ToString("N"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Manifest = DemoArchive.Synthesize(Folder, new DemoOptions(), new SynchronousProgress(n => LastProgress = Math.Max(LastProgress, n)));
        SynthesisTime = watch.Elapsed;
        Truth = DemoCsvReader.ReadFile(Manifest.TruthCsv);
        Reports = DemoCsvReader.ReadFile(Manifest.ReportsCsv);
        Instances = Truth.Skip(1).Select(r =>
        {
            var file = DicomReader.ReadFile(Path.Combine(Folder, r[0]));
            return new DemoInstance(r[0], r[1], r[2], r[3], r[4], file, PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));
        }).ToList();
    }

    public string Folder { get; }
    public DemoManifest Manifest { get; }
    public TimeSpan SynthesisTime { get; }
    public int LastProgress { get; private set; }
    public List<string[]> Truth { get; }
    public List<string[]> Reports { get; }
    internal List<DemoInstance> Instances { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();
        public void Report(int value) { lock (_gate) report(value); }
    }
}

using System.Text.RegularExpressions;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Results;
using RadiologyNet.Client.Review;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Tests.Review;

/// <summary>
/// A small demo archive (132 images, 11 classes) turned into <see cref="ArchiveResults"/> by hand: one cluster per demo
/// class except that DX and CR chest share one (as a real model would: the pictures look alike), small deterministic
/// fused vectors around a per-class point, report terms by class frequency, two quarantined
/// files, the quality table against the truth; and the review report written from it once. Deleted afterwards.
/// </summary>
public sealed partial class ReviewArchiveFixture : IDisposable
{
    public const int Dimension = 6;

    public ReviewArchiveFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "radnet-review-test-" + Guid.NewGuid().ToString("N"));
        ArchiveFolder = Path.Combine(Root, "archive");
        ReportFolder = Path.Combine(Root, "report");
        var manifest = DemoArchive.Synthesize(ArchiveFolder, new DemoOptions(Images: 132));
        Results = Build(manifest, out var patientNames);
        PatientNames = patientNames;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Summary = ReviewReport.Write(Results, ReportFolder);
        WriteTime = watch.Elapsed;
    }

    public string Root { get; }
    public string ArchiveFolder { get; }
    public string ReportFolder { get; }
    public ArchiveResults Results { get; }
    public ReviewReportSummary Summary { get; }
    public TimeSpan WriteTime { get; }

    /// <summary>The fake patient names in the synthetic files: none may appear in the report.</summary>
    public IReadOnlyList<string> PatientNames { get; }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Builds results from a synthesised demo archive; usable for other folders (the screenshot test).</summary>
    public static ArchiveResults Build(DemoManifest manifest, out IReadOnlyList<string> patientNames)
    {
        var truth = DemoCsvReader.ReadFile(manifest.TruthCsv).Skip(1).ToList(); // file, sop, study, modality, region
        var classes = manifest.Classes.ToList();
        var clusterKeys = classes.Select(ClusterOf).Distinct().ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(string File, string Sop, string Study, string Series, string Modality, string Region, string Manufacturer, int Class, int Cluster)>();
        foreach (var r in truth)
        {
            var dataset = DicomReader.ReadFile(Path.Combine(manifest.Folder, r[0])).Dataset;
            if (dataset.GetString(DicomTags.PatientName) is { Length: > 0 } name) names.Add(name);
            rows.Add((r[0], r[1], r[2], dataset.GetString(DicomTags.SeriesInstanceUID) ?? "", r[3], r[4], dataset.GetString(DicomTags.Manufacturer) ?? "", classes.IndexOf($"{r[3]} {r[4]}"), clusterKeys.IndexOf(ClusterOf($"{r[3]} {r[4]}"))));
        }
        patientNames = names.ToList();

        // Fused vectors: a point per class on a circle (dims 0, 1) and a class code (dims 2-5), plus small deterministic noise.
        var fused = new float[rows.Count * Dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            var c = rows[i].Class;
            var angle = 2 * Math.PI * c / classes.Count;
            for (var j = 0; j < Dimension; j++)
            {
                var basis = j switch { 0 => 3 * Math.Cos(angle), 1 => 3 * Math.Sin(angle), _ => ((c >> (j - 2)) & 1) * 1.5 };
                fused[i * Dimension + j] = (float)(basis + ((i * 37 + j * 11) % 17 - 8) / 20.0);
            }
        }
        var k = clusterKeys.Count;
        var centres = new float[k * Dimension];
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, rows.Count).Where(i => rows[i].Cluster == c).ToList();
            for (var j = 0; j < Dimension; j++) centres[c * Dimension + j] = (float)members.Average(i => fused[i * Dimension + j]);
        }
        var vectors = new ResultVectors(fused, rows.Count, centres, k, Dimension);

        var instances = new List<InstanceResult>();
        for (var i = 0; i < rows.Count; i++)
        {
            var distances = Enumerable.Range(0, k).Select(c => Euclidean(vectors.Row(i), vectors.Centre(c))).ToArray();
            var own = rows[i].Cluster;
            var runnerUp = Enumerable.Range(0, k).Where(c => c != own).MinBy(c => distances[c]);
            var row = rows[i];
            instances.Add(new InstanceResult(row.Sop, row.Series, row.Study, row.File, "annotated", "", own, distances[own], runnerUp, distances[runnerUp],
                row.Modality, row.Region, row.Manufacturer, FeatureSources.Image | FeatureSources.Metadata | FeatureSources.Report, i));
        }
        instances.Add(new InstanceResult("1.2.826.0.1.3680043.10.999.1", "1.2.826.0.1.3680043.10.999.2", "1.2.826.0.1.3680043.10.999.3", "S9999/SE1/IM0001.dcm",
            "quarantined", "blank image (every pixel has the same value)", null, null, null, null, "CT", "HEAD", "", FeatureSources.None, -1));
        instances.Add(new InstanceResult("1.2.826.0.1.3680043.10.999.4", "1.2.826.0.1.3680043.10.999.2", "1.2.826.0.1.3680043.10.999.3", "S9999/SE1/IM0002.dcm",
            "quarantined", "<script>alert(\"x\")</script> & 'reason'", null, null, null, null, "CT", "HEAD", "", FeatureSources.None, -1));

        var terms = Terms(manifest, truth, clusterKeys);
        var clusters = clusterKeys.Select((key, c) =>
        {
            var members = instances.Where(i => i.Cluster == c).ToList();
            var medoid = members.MinBy(i => i.Distance)!;
            var modalities = Histogram(members.Select(m => m.Modality));
            var modality = string.Join("/", modalities.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key));
            var region = key.Split(' ')[1];
            var clusterName = terms[c].Count >= 2 ? $"{modality} · {region} · \"{terms[c][0]}, {terms[c][1]}\"" : $"{modality} · {region}";
            return new ClusterResult(c, clusterName, members.Count, medoid.SopInstanceUid,
                modalities, Histogram(members.Select(m => m.Region)), Histogram(members.Select(m => m.Manufacturer)), terms[c]);
        }).ToList();

        var annotated = instances.Where(i => i.Cluster is not null).ToList();
        var predicted = annotated.Select(i => i.Cluster!.Value).ToList();
        var quality = new QualityReport("truth", false, annotated.Count, new Dictionary<string, IReadOnlyDictionary<string, LabelScores>>
        {
            ["modality"] = new Dictionary<string, LabelScores> { ["fused"] = LabelScores.Compute(annotated.Select(i => i.Modality).ToList(), predicted) },
            ["region"] = new Dictionary<string, LabelScores> { ["fused"] = LabelScores.Compute(annotated.Select(i => i.Region).ToList(), predicted) },
        });
        var model = new ResultsModel("demo", 3, k, "euclidean", Dimension, manifest.Folder);
        return new ArchiveResults(model, instances, clusters, vectors, quality);
    }

    private static float Euclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return (float)Math.Sqrt(sum);
    }

    private static IReadOnlyDictionary<string, int> Histogram(IEnumerable<string> labels) =>
        labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>DX chest joins the CR chest cluster; every other class is a cluster of its own.</summary>
    private static string ClusterOf(string className) => className == "DX CHEST" ? "CR CHEST" : className;

    /// <summary>Six words per cluster: frequent in its reports, rare in the other clusters' (count × log(1 + clusters / clusters using the word)).</summary>
    private static List<IReadOnlyList<string>> Terms(DemoManifest manifest, List<string[]> truth, List<string> clusterKeys)
    {
        var classOfStudy = truth.GroupBy(r => r[2]).ToDictionary(g => g.Key, g => clusterKeys.IndexOf(ClusterOf($"{g.First()[3]} {g.First()[4]}")));
        var counts = clusterKeys.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToList();
        foreach (var report in DemoCsvReader.ReadFile(manifest.ReportsCsv).Skip(1))
        {
            if (!classOfStudy.TryGetValue(report[0], out var c)) continue;
            foreach (Match word in Word().Matches(report[1].ToLowerInvariant()))
                counts[c][word.Value] = counts[c].GetValueOrDefault(word.Value) + 1;
        }
        return counts.Select(own => (IReadOnlyList<string>)own
            .Select(w => (w.Key, Score: w.Value * Math.Log(1 + (double)clusterKeys.Count / counts.Count(other => other.ContainsKey(w.Key)))))
            .OrderByDescending(w => w.Score).ThenBy(w => w.Key, StringComparer.Ordinal).Take(6).Select(w => w.Key).ToList()).ToList();
    }

    [GeneratedRegex("[a-z]{6,}")]
    private static partial Regex Word();
}

[CollectionDefinition(Name)]
public sealed class ReviewReportCollection : ICollectionFixture<ReviewArchiveFixture>
{
    public const string Name = "review report";
}

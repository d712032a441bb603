using System.Text.Json;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// `radnet annotate` on the 1,200 real MedNIST images (6 classes), then `radnet evaluate` against truth.csv:
/// the whole product, as a user runs it, on real pixels.
/// </summary>
public sealed class MedNistAnnotationTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "radnet-e2e-" + Guid.NewGuid().ToString("N"));

    [SharedDataFact("data/mednist")]
    public async Task Annotate_then_evaluate_reaches_homogeneity_08_against_the_mednist_class_with_k12()
    {
        var mednist = SharedData.Require("data/mednist");
        var annotate = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(10), "annotate", mednist, "--clusters", "12", "--out", _out);
        Assert.True(annotate.ExitCode == 0, annotate.StdOut + annotate.StdErr);

        var annotations = File.ReadAllLines(Path.Combine(_out, "annotations.csv"));
        Assert.Equal("sop_instance_uid,series_instance_uid,study_instance_uid,file,cluster,distance,status,reason", annotations[0]);
        Assert.Equal(1200, annotations.Length - 1);
        // 001033.dcm and 001086.dcm are a single grey level (all 25, as pydicom also reads them): the authors'
        // blank-image rule quarantines them, with the rule named.
        var quarantined = annotations.Skip(1).Where(line => !line.Contains(",annotated,")).ToList();
        Assert.Equal(["001033.dcm", "001086.dcm"], quarantined.Select(l => l.Split(',')[3]).Order());
        Assert.All(quarantined, l => Assert.Contains("quarantined,not featurisable: blank image", l));
        Assert.Equal(12, annotations.Skip(1).Where(l => l.Contains(",annotated,")).Select(l => l.Split(',')[4]).Distinct().Count());

        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "evaluation.json")));
        Assert.Equal("tags", evaluation.RootElement.GetProperty("label_source").GetString());
        Assert.False(evaluation.RootElement.GetProperty("label_tags_in_features").GetBoolean());
        foreach (var source in new[] { "fused", "image", "metadata" })
            Assert.True(evaluation.RootElement.GetProperty("metrics").GetProperty("modality").TryGetProperty(source, out _), source);

        var evaluate = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), "evaluate", "--truth", Path.Combine(mednist, "truth.csv"),
            "--annotations", Path.Combine(_out, "annotations.csv"), "--key", "file");
        Assert.True(evaluate.ExitCode == 0, evaluate.StdOut + evaluate.StdErr);
        using var scores = JsonDocument.Parse(evaluate.StdOut);
        Assert.Equal(1198, scores.RootElement.GetProperty("scored").GetInt32());
        Assert.Equal(2, scores.RootElement.GetProperty("quarantined").GetInt32());
        var homogeneity = scores.RootElement.GetProperty("metrics").GetProperty("mednist_class").GetProperty("homogeneity").GetDouble();
        Assert.True(homogeneity >= 0.8, $"homogeneity vs mednist_class was {homogeneity:F4}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }
}

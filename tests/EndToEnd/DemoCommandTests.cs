using RadiologyNet.TestSupport;
namespace RadiologyNet.EndToEnd;

/// <summary>`radnet demo` as a user runs it: synthesise, annotate in-process, print the tables.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_synthesises_annotates_and_prints_cluster_and_quality_tables()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "radnet-demo-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), "demo", "--images", "120", "--clusters", "10", "--out", outDir);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            Assert.Contains("Clusters", run.StdOut);
            Assert.Contains("Quality vs ground truth", run.StdOut);
            foreach (var source in new[] { "fused", "image", "metadata", "report" }) Assert.Contains(source, run.StdOut);
            Assert.Contains("120 accepted = 120 annotated + 0 quarantined", run.StdOut);
            var annotations = File.ReadAllLines(Path.Combine(outDir, "annotations.csv"));
            Assert.Equal(121, annotations.Length);
            Assert.True(File.Exists(Path.Combine(outDir, "evaluation.json")));
            Assert.True(File.Exists(Path.Combine(outDir, "report", "index.html")), "demo writes the review report");
            Assert.True(File.Exists(Path.Combine(outDir, "results.json")), "demo writes the results the query commands read");
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public async Task Annotate_reports_a_missing_folder_as_a_clear_error()
    {
        var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), "annotate", "/nonexistent/archive", "--out", Path.GetTempPath());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.StdOut + run.StdErr);
    }
}

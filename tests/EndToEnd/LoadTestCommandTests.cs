using System.Text.Json;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary><c>radnet loadtest</c> as a user runs it: the real process, an in-process silo with the switch, every figure written.</summary>
public sealed class LoadTestCommandTests
{
    [Fact]
    public async Task A_small_embedded_load_test_settles_every_instance_and_writes_every_figure()
    {
        var folder = Path.Combine(Path.GetTempPath(), "radnet-loadtest-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The refinement polished by Lloyd passes over the shards: the quality bar (cost within 2 % of an offline k-means).
            var run = await RadnetProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["RADNET_Annotation__RefinePolishPasses"] = "20" },
                TimeSpan.FromMinutes(4), "loadtest", "--instances", "2000", "--clusters", "8", "--components", "8", "--out", folder);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            Assert.Contains("LOAD TEST", run.StdErr + run.StdOut); // the silo's start-up warning
            Assert.Contains("cost ratio streaming/offline", run.StdOut);

            var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "loadtest.json"))).RootElement;
            foreach (var field in new[] { "mode", "settings", "ingest", "peak_rss_bytes", "peak_rss_by_stage", "silo_rss", "storage", "largest_message", "phases", "label_evaluation", "verbs", "quality_before_refinement", "quality", "total_seconds" })
                Assert.True(report.TryGetProperty(field, out _), $"loadtest.json has no '{field}'");
            Assert.Equal("embedded", report.GetProperty("mode").GetString());
            var ingest = report.GetProperty("ingest");
            Assert.Equal(2000, ingest.GetProperty("settled").GetInt64());
            Assert.Equal(2000, ingest.GetProperty("published").GetInt64());
            Assert.True(ingest.GetProperty("samples").GetArrayLength() > 0);
            Assert.True(ingest.GetProperty("settled_per_second").GetDouble() > 0);
            Assert.True(report.GetProperty("peak_rss_bytes").GetInt64() > 0);
            var stages = report.GetProperty("peak_rss_by_stage").EnumerateArray().ToList();
            Assert.Equal(["ingest", "flush and reassign", "quality before refinement", "refine", "evaluate (coordinator)", "query verbs", "quality"],
                stages.Select(p => p.GetProperty("stage").GetString()));
            Assert.All(stages, p => Assert.InRange(p.GetProperty("peak_rss_bytes").GetInt64(), 1, report.GetProperty("peak_rss_bytes").GetInt64()));
            var storage = report.GetProperty("storage");
            Assert.True(storage.GetProperty("counted").GetBoolean());
            Assert.True(storage.GetProperty("requests_per_instance").GetDouble() > 0);
            Assert.True(storage.GetProperty("bytes_written_per_instance").GetDouble() > 0);
            Assert.True(report.GetProperty("largest_message").GetProperty("largest_bytes").GetInt64() > 0);
            Assert.All(report.GetProperty("phases").EnumerateArray(), p => Assert.True(p.GetProperty("error").ValueKind == JsonValueKind.Null, p.ToString()));
            var verbs = report.GetProperty("verbs").EnumerateArray().ToList();
            Assert.Equal(["status", "clusters", "cluster show", "image", "similar", "export", "evaluate", "report"], verbs.Select(v => v.GetProperty("verb").GetString()));
            Assert.All(verbs, v => Assert.True(v.GetProperty("error").ValueKind == JsonValueKind.Null, v.ToString()));
            var quality = report.GetProperty("quality");
            Assert.Equal(2000, quality.GetProperty("scored").GetInt64());
            var offline = quality.GetProperty("offline");
            Assert.InRange(offline.GetProperty("cost_ratio").GetDouble(), 0.9, 1.02);
            Assert.True(quality.GetProperty("homogeneity").GetDouble() >= offline.GetProperty("homogeneity").GetDouble() - 0.02, quality.ToString());
            Assert.Equal(2000, report.GetProperty("quality_before_refinement").GetProperty("scored").GetInt64());

            // truth.csv is what 'radnet evaluate --truth' scores the exported labels against.
            Assert.Equal(2001, File.ReadLines(Path.Combine(folder, "truth.csv")).Count());
            var scored = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "evaluate", "--truth", Path.Combine(folder, "truth.csv"),
                "--annotations", Path.Combine(folder, "export.csv"));
            Assert.True(scored.ExitCode == 0, scored.StdOut + scored.StdErr);
            var metrics = JsonDocument.Parse(scored.StdOut).RootElement;
            Assert.Equal(2000, metrics.GetProperty("scored").GetInt32());
            Assert.Equal(quality.GetProperty("homogeneity").GetDouble(), metrics.GetProperty("metrics").GetProperty("component").GetProperty("homogeneity").GetDouble(), 6);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}

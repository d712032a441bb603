using System.Text.Json;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>The query commands as a user runs them, against the results of a real demo run: tables, --json, exit codes.</summary>
public sealed partial class ConsoleCommandTests(DemoArchiveFixture demo) : IClassFixture<DemoArchiveFixture>
{
    private async Task<RadnetProcess.Outcome> Radnet(params string[] args)
    {
        Assert.True(demo.Demo.ExitCode == 0, demo.Demo.StdOut + demo.Demo.StdErr);
        return await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), [.. args, "--results", demo.Folder]);
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var run = await Radnet([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        return JsonDocument.Parse(run.StdOut).RootElement.Clone();
    }

    private IReadOnlyList<string[]> Instances() =>
        File.ReadAllLines(Path.Combine(demo.Folder, "instances.csv")).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task Clusters_lists_every_cluster_with_a_name_and_sizes_that_sum_to_the_annotated_images()
    {
        var clusters = (await Json("clusters")).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 10), clusters.Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal(120, clusters.Sum(c => c.GetProperty("size").GetInt32()));
        Assert.All(clusters.Where(c => c.GetProperty("size").GetInt32() > 0), c =>
        {
            Assert.Contains(" · ", c.GetProperty("name").GetString());
            Assert.InRange(c.GetProperty("purity").GetDouble(), 0.0, 1.0);
            Assert.NotEmpty(c.GetProperty("medoid_sop").GetString()!);
        });
        var table = await Radnet("clusters");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Clusters", table.StdOut);
        Assert.Contains("purity", table.StdOut);
    }

    [Fact]
    public async Task Cluster_show_orders_members_by_distance_and_starts_with_the_medoid()
    {
        var show = await Json("cluster", "show", "0", "-n", "4");
        var size = show.GetProperty("size").GetInt32();
        var nearest = show.GetProperty("nearest").EnumerateArray().Select(m => m.GetProperty("distance").GetDouble()).ToList();
        var furthest = show.GetProperty("furthest").EnumerateArray().Select(m => m.GetProperty("distance").GetDouble()).ToList();
        Assert.Equal(Math.Min(4, size), nearest.Count);
        Assert.Equal(nearest.Order(), nearest);
        Assert.Equal(furthest.OrderDescending(), furthest);
        Assert.Equal(show.GetProperty("medoid").GetProperty("sop_instance_uid").GetString(),
            show.GetProperty("nearest")[0].GetProperty("sop_instance_uid").GetString());
        Assert.Equal(size, show.GetProperty("distances").GetProperty("count").GetInt32());
        Assert.Equal(size, show.GetProperty("modalities").EnumerateObject().Sum(p => p.Value.GetInt32()));
        var text = await Radnet("cluster", "show", "0");
        Assert.Contains("Distance to centre", text.StdOut);
        Assert.Contains("Nearest to the centre", text.StdOut);
    }

    [Fact]
    public async Task Image_shows_the_cluster_runner_up_margin_and_provenance()
    {
        var row = Instances()[0];
        var image = await Json("image", row[0]);
        Assert.Equal(int.Parse(row[6]), image.GetProperty("cluster").GetInt32());
        Assert.NotEqual(image.GetProperty("cluster").GetInt32(), image.GetProperty("runner_up").GetInt32());
        Assert.True(image.GetProperty("margin").GetDouble() >= 0);
        Assert.Equal(["image", "metadata", "report"], image.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Similar_returns_k_neighbours_nearest_first_without_the_query()
    {
        var sop = Instances()[5][0];
        var hits = (await Json("similar", sop, "-k", "5")).EnumerateArray().ToList();
        Assert.Equal(5, hits.Count);
        Assert.DoesNotContain(sop, hits.Select(h => h.GetProperty("sop_instance_uid").GetString()));
        var distances = hits.Select(h => h.GetProperty("distance").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
    }

    [Fact]
    public async Task Evaluate_prints_the_quality_per_source_and_a_cluster_by_label_table()
    {
        var evaluation = await Json("evaluate");
        var modality = evaluation.GetProperty("quality").GetProperty("metrics").GetProperty("modality");
        foreach (var source in new[] { "fused", "image", "metadata", "report" }) Assert.True(modality.TryGetProperty(source, out _), source);
        foreach (var table in evaluation.GetProperty("confusion").EnumerateArray())
            Assert.Equal(120, table.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32())));
        var text = await Radnet("evaluate");
        Assert.Contains("Clusters × modality", text.StdOut);
    }

    [Fact]
    public async Task Export_writes_one_row_per_instance_as_csv_or_json_lines()
    {
        var csv = await Radnet("export", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sop_instance_uid,series_instance_uid,study_instance_uid,file,cluster,distance,status,reason,cluster_name,model_version", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.Contains("120 accepted = annotated 120 + quarantined 0 + pending 0", csv.StdErr);
        var jsonl = await Radnet("export", "--format", "jsonl");
        var records = jsonl.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(120, records.Count);
        Assert.Equal(120, records.Select(r => r.GetProperty("sop_instance_uid").GetString()).Distinct().Count());
        Assert.All(records, r => Assert.InRange(r.GetProperty("cluster").GetInt32(), 0, 9));
    }

    [Fact]
    public async Task Status_counts_the_finished_run()
    {
        var status = await Json("status");
        Assert.Equal(120, status.GetProperty("ingested").GetInt32());
        Assert.Equal(120, status.GetProperty("assigned").GetInt32());
        Assert.Equal(0, status.GetProperty("quarantined").GetInt32());
        Assert.True(status.GetProperty("images_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task Refine_on_a_results_folder_makes_real_images_the_centres_and_bumps_the_version()
    {
        var copy = Path.Combine(Path.GetTempPath(), "radnet-refine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in new[] { "results.json", "instances.csv", "fused.npy", "centres.npy" })
                File.Copy(Path.Combine(demo.Folder, file), Path.Combine(copy, file));
            var before = await Json("status");
            var refine = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), "refine", "--json", "--results", copy);
            Assert.True(refine.ExitCode == 0, refine.StdOut + refine.StdErr);
            var summary = JsonDocument.Parse(refine.StdOut).RootElement;
            Assert.Equal(before.GetProperty("model_version").GetInt32() + 1, summary.GetProperty("version").GetInt32());
            Assert.Equal(120, summary.GetProperty("sample_size").GetInt32());

            var status = JsonDocument.Parse((await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "status", "--json", "--results", copy)).StdOut).RootElement;
            Assert.Equal("manhattan", status.GetProperty("metric").GetString());
            Assert.Equal(summary.GetProperty("total_deviation").GetDouble(), status.GetProperty("last_refinement").GetProperty("total_deviation").GetDouble());
            // Medoids are members: every non-empty cluster's nearest member sits at distance 0.
            var clusters = JsonDocument.Parse((await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "clusters", "--json", "--results", copy)).StdOut).RootElement;
            foreach (var c in clusters.EnumerateArray().Where(c => c.GetProperty("size").GetInt32() > 0).Take(3))
            {
                var show = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "cluster", "show", $"{c.GetProperty("id").GetInt32()}", "--json", "--results", copy);
                Assert.Equal(0.0, JsonDocument.Parse(show.StdOut).RootElement.GetProperty("medoid").GetProperty("distance").GetDouble());
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Report_writes_every_page_and_renders_every_thumbnail()
    {
        Assert.True(File.Exists(Path.Combine(demo.Folder, "report", "index.html")), "demo writes the review report");
        var folder = Path.Combine(demo.Folder, "report-again");
        var summary = await Json("report", "--out", folder);
        Assert.Equal(0, summary.GetProperty("thumbnails_failed").GetInt32());
        Assert.True(summary.GetProperty("thumbnails_written").GetInt32() >= 120, summary.ToString());
        Assert.True(File.Exists(Path.Combine(folder, "index.html")));
        Assert.True(File.Exists(Path.Combine(folder, "map.html")));
        foreach (var c in Enumerable.Range(0, 10)) Assert.True(File.Exists(Path.Combine(folder, $"cluster-{c}.html")), $"cluster-{c}.html");
    }

    [Fact]
    public async Task Annotate_with_a_random_projection_clusters_the_projected_vectors_and_scores_the_fused_source_only()
    {
        var output = Path.Combine(Path.GetTempPath(), "radnet-projected-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), "annotate", Path.Combine(demo.Folder, "archive"), "-k", "10", "--project-dim", "48",
                "--reports", Path.Combine(demo.Folder, "archive", "reports.csv"), "--out", output);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement;
            Assert.Equal(48, results.GetProperty("model").GetProperty("dimension").GetInt32());
            var modality = results.GetProperty("quality").GetProperty("metrics").GetProperty("modality");
            Assert.Equal(["fused"], modality.EnumerateObject().Select(p => p.Name));
            Assert.True(modality.GetProperty("fused").GetProperty("homogeneity").GetDouble() > 0.5, modality.ToString());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Usage_errors_exit_1_and_runtime_failures_exit_2_with_one_sentence_on_stderr()
    {
        var unknownCluster = await Radnet("cluster", "show", "99");
        Assert.Equal(1, unknownCluster.ExitCode);
        Assert.Equal("error: no cluster 99: the model has clusters 0 to 9", unknownCluster.StdErr.Trim());

        var badOption = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "clusters", "--no-such-option");
        Assert.Equal(1, badOption.ExitCode);

        var missing = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "clusters", "--results", Path.Combine(demo.Folder, "nowhere"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("radnet annotate", missing.StdErr);

        var corrupt = Path.Combine(Path.GetTempPath(), "radnet-corrupt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(corrupt);
        try
        {
            File.WriteAllText(Path.Combine(corrupt, "results.json"), "{ not json");
            var broken = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "clusters", "--results", corrupt);
            Assert.Equal(2, broken.ExitCode);
            Assert.StartsWith("error: ", broken.StdErr);
            Assert.Single(broken.StdErr.Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(corrupt, recursive: true);
        }
    }

    [Fact]
    public async Task Help_shows_examples()
    {
        foreach (var command in new[] { "clusters", "similar", "export", "status", "evaluate", "image" })
        {
            var help = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Examples:", help.StdOut);
        }
    }
}

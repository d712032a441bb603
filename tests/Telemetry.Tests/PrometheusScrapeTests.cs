using Xunit.Abstractions;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// The proof of the telemetry: a real Prometheus scrapes a real silo process during a <c>radnet annotate</c> run against it,
/// and PromQL over what it stored must show every instance ingested, every featurisation stage timed, the blank image
/// quarantined under its category, and every metric the Grafana dashboard names.
/// </summary>
[Trait("Category", "Telemetry")]
public sealed class PrometheusScrapeTests(AnnotatedSilo fixture, ITestOutputHelper output) : IClassFixture<AnnotatedSilo>
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    [TelemetryFact]
    public async Task The_ingest_counter_equals_the_instances_and_every_stage_histogram_has_samples()
    {
        foreach (var line in fixture.Timings) output.WriteLine(line);
        var n = fixture.Instances;
        var ingested = await fixture.EventuallyAsync("sum(radnet_instances_ingested_total)", n, ScrapeWait);
        Assert.True(ingested == n, $"radnet_instances_ingested_total = {ingested}, instances = {n}\nsilo:\n{fixture.Silo.Log}");

        var featurised = await fixture.EventuallyAsync("sum(radnet_instances_featurised_total)", n - 1, ScrapeWait);
        Assert.Equal(n - 1, featurised);
        var blank = await fixture.EventuallyAsync("sum(radnet_instances_quarantined_total{radnet_quarantine_reason=\"image_rejected\"})", 1, ScrapeWait);
        Assert.Equal(1, blank);

        var stages = await fixture.Prometheus.QueryAsync("sum by (radnet_featurisation_stage) (radnet_featurisation_stage_duration_seconds_count)");
        var counts = stages.ToDictionary(s => s.Labels["radnet_featurisation_stage"], s => s.Value);
        foreach (var (stage, count) in counts.OrderBy(c => c.Key)) output.WriteLine($"stage {stage}: {count} samples");
        foreach (var stage in new[] { "read", "decode", "preprocess", "infer", "metadata", "report", "fuse" })
            Assert.True(counts.GetValueOrDefault(stage) > 0, $"stage '{stage}' has no samples: {string.Join(", ", counts)}");
        // Every instance is read and decoded; the blank one stops there, every other is preprocessed, inferred and fused.
        Assert.Equal(n, counts["read"]);
        Assert.Equal(n - 1, counts["infer"]);
        Assert.Equal(n - 1, counts["fuse"]);

        var buckets = await fixture.Prometheus.ScalarAsync("sum(radnet_featurisation_stage_duration_seconds_bucket{le=\"+Inf\", radnet_featurisation_stage=\"infer\"})");
        Assert.Equal(n - 1, buckets);
        Assert.Equal(1, await fixture.Prometheus.ScalarAsync("up"));
    }

    [TelemetryFact]
    public async Task Every_metric_the_dashboard_queries_exists_in_Prometheus()
    {
        var json = await File.ReadAllTextAsync(Dashboard.PathInRepository());
        var panels = Dashboard.Panels(json);
        Assert.True(panels.Count >= 7, $"the dashboard has {panels.Count} panels");
        Assert.All(panels, p => Assert.True(p.Expressions.Count > 0, $"panel '{p.Title}' has no PromQL target"));

        // Every series the dashboard needs appears once the run is over (refinement and quality are published by then).
        await fixture.EventuallyAsync("sum(radnet_instances_ingested_total)", fixture.Instances, ScrapeWait);
        await fixture.EventuallyAsync("count(radnet_refinement_duration_seconds_count) > 0", 1, ScrapeWait);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var known = await fixture.Prometheus.MetricNamesAsync();
        var missing = Dashboard.MissingMetrics(json, known);
        output.WriteLine("dashboard metrics: " + string.Join(", ", panels.SelectMany(p => p.Expressions).SelectMany(PromqlNames.Of).Distinct().Order(StringComparer.Ordinal)));
        Assert.True(missing.Count == 0, $"the dashboard queries metrics Prometheus does not have: {string.Join(", ", missing)}\n" +
            $"known radnet metrics: {string.Join(", ", known.Where(k => k.StartsWith("radnet", StringComparison.Ordinal)))}");
    }
}

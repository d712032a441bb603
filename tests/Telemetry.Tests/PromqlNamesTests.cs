namespace RadiologyNet.Telemetry.Tests;

/// <summary>The name extractor the dashboard check relies on: it must find every metric and nothing else.</summary>
public sealed class PromqlNamesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (le, radnet_featurisation_stage) (rate(radnet_featurisation_stage_duration_seconds_bucket[$__rate_interval])))",
        "radnet_featurisation_stage_duration_seconds_bucket")]
    [InlineData("sum(rate(radnet_instances_ingested_total{job=~\"$job\", radnet_model=\"default\"}[5m])) by (instance)", "radnet_instances_ingested_total")]
    [InlineData("sum(radnet_instances_featurised_total) + sum(radnet_instances_quarantined_total) / ignoring(radnet_quarantine_reason) up offset 5m",
        "radnet_instances_featurised_total radnet_instances_quarantined_total up")]
    [InlineData("max without (instance) (radnet_ingest_lag_seconds) > bool 1e3 and on(job) orleans_x:rate5m", "radnet_ingest_lag_seconds orleans_x:rate5m")]
    [InlineData("topk(10, radnet_cluster_size)", "radnet_cluster_size")]
    public void Finds_every_metric_name_and_nothing_else(string expression, string names) =>
        Assert.Equal(names.Split(' ').Order(StringComparer.Ordinal), PromqlNames.Of(expression).Order(StringComparer.Ordinal));
}

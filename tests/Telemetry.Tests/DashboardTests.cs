namespace RadiologyNet.Telemetry.Tests;

/// <summary>The dashboard check itself: it reads every panel (rows included) and variable, and reports what a Prometheus lacks.</summary>
public sealed class DashboardTests
{
    private const string Json = """
        {
          "templating": { "list": [ { "name": "model", "query": "label_values(radnet_cluster_size, radnet_model)" } ] },
          "panels": [
            { "type": "row", "title": "r", "panels": [
              { "type": "timeseries", "title": "nested", "targets": [ { "expr": "sum(rate(radnet_typo_total[5m]))" } ] } ] },
            { "type": "stat", "title": "top", "targets": [ { "expr": "sum(radnet_instances_ingested_total)" } ] }
          ]
        }
        """;

    [Fact]
    public void A_metric_Prometheus_does_not_have_is_reported_with_its_panel()
    {
        var missing = Dashboard.MissingMetrics(Json, new HashSet<string> { "radnet_instances_ingested_total" });
        Assert.Equal(["radnet_typo_total (panel 'nested')", "radnet_cluster_size (panel 'template variables')"], missing);
    }

    [Fact]
    public void The_repository_dashboard_parses_into_panels_with_queries()
    {
        var panels = Dashboard.Panels(File.ReadAllText(Dashboard.PathInRepository()));
        Assert.True(panels.Count >= 7);
        Assert.All(panels, p => Assert.NotEmpty(p.Expressions));
    }
}

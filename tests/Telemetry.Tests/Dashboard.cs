using System.Text.Json;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>The Grafana dashboard deploy/grafana/radnet.json: its panels and their PromQL expressions.</summary>
public static class Dashboard
{
    /// <summary>Path of the dashboard in this repository (found upwards from the test binaries).</summary>
    public static string PathInRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx")))
                return Path.Combine(dir.FullName, "deploy", "grafana", "radnet.json");
        throw new FileNotFoundException("RadiologyNet.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every metric the dashboard's panels and template variables query that is not in <paramref name="known"/>, with where it is used.</summary>
    public static IReadOnlyList<string> MissingMetrics(string json, IReadOnlySet<string> known) =>
        Panels(json).Append((Title: "template variables", Expressions: VariableExpressions(json)))
            .SelectMany(p => p.Expressions.SelectMany(PromqlNames.Of).Where(n => !known.Contains(n)).Select(n => $"{n} (panel '{p.Title}')"))
            .Distinct().ToList();

    /// <summary>Every panel (rows' nested panels included) as (title, expressions of its targets).</summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<string> Expressions)> Panels(string json)
    {
        using var document = JsonDocument.Parse(json);
        var panels = new List<(string, IReadOnlyList<string>)>();
        Collect(document.RootElement, panels);
        return panels;
    }

    /// <summary>The metric each <c>label_values(metric, label)</c> template variable reads.</summary>
    public static IReadOnlyList<string> VariableExpressions(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("templating", out var templating)) return [];
        return templating.GetProperty("list").EnumerateArray()
            .Where(v => v.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String && q.GetString()!.StartsWith("label_values(", StringComparison.Ordinal))
            .Select(v => v.GetProperty("query").GetString()!)
            .Select(q => q["label_values(".Length..q.LastIndexOf(',')])
            .ToList();
    }

    private static void Collect(JsonElement element, List<(string, IReadOnlyList<string>)> panels)
    {
        if (!element.TryGetProperty("panels", out var children)) return;
        foreach (var panel in children.EnumerateArray())
        {
            var type = panel.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type != "row")
            {
                var expressions = panel.TryGetProperty("targets", out var targets)
                    ? targets.EnumerateArray().Where(x => x.TryGetProperty("expr", out _)).Select(x => x.GetProperty("expr").GetString() ?? "").ToList()
                    : [];
                panels.Add((panel.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "", expressions));
            }
            Collect(panel, panels);
        }
    }
}

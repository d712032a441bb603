namespace RadiologyNet.Client.Results;

/// <summary>
/// Cluster × label counts (a contingency table, the basis of every clustering metric here): one row per cluster, one
/// column per label value, the most frequent values first; values beyond <c>maxColumns</c> are summed into "other".
/// </summary>
public sealed record ConfusionTable(string Label, IReadOnlyList<string> Columns, IReadOnlyList<ConfusionRow> Rows)
{
    /// <summary>The table of annotated instances of <paramref name="results"/> against <paramref name="label"/> (<c>modality</c> or <c>region</c>).</summary>
    public static ConfusionTable Of(ArchiveResults results, string label, int maxColumns = 12)
    {
        Func<InstanceResult, string> value = label switch
        {
            "modality" => i => i.Modality,
            "region" => i => i.Region,
            _ => throw new ArgumentException($"label must be modality or region, not '{label}'"),
        };
        var annotated = results.Instances.Where(i => i.Cluster is not null && i.Status == "annotated");
        return FromCounts(label, annotated.GroupBy(i => (Cluster: i.Cluster!.Value, Value: value(i))).Select(g => (g.Key.Cluster, g.Key.Value, (long)g.Count())), maxColumns);
    }

    /// <summary>The table from (cluster, label value, count) triples, e.g. the cluster grains' histograms; repeated pairs add up.</summary>
    public static ConfusionTable FromCounts(string label, IEnumerable<(int Cluster, string Value, long Count)> counts, int maxColumns = 12)
    {
        var cells = counts.Where(c => c.Count > 0).Select(c => (c.Cluster, Value: Normalise(c.Value), c.Count)).ToList();
        var ranked = cells.GroupBy(c => c.Value, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var columns = ranked.Count > maxColumns ? [.. ranked.Take(maxColumns - 1), "other"] : ranked;
        var index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var rows = cells.GroupBy(c => c.Cluster).OrderBy(g => g.Key).Select(g =>
        {
            var row = new int[columns.Count];
            foreach (var c in g) row[index.TryGetValue(c.Value, out var at) ? at : columns.Count - 1] += (int)c.Count;
            return new ConfusionRow(g.Key, row);
        }).ToList();
        return new ConfusionTable(label, columns, rows);
    }

    private static string Normalise(string value) => value.Length == 0 ? "UNKNOWN" : value;
}

/// <summary>A cluster's counts per column of a <see cref="ConfusionTable"/>.</summary>
public sealed record ConfusionRow(int Cluster, IReadOnlyList<int> Counts);

using Spectre.Console;

namespace RadiologyNet.Client.Output;

/// <summary>One line per cluster: size, dominant modality and region, and purity (share of the dominant modality×region class).</summary>
public sealed record ClusterTableRow(int Cluster, int Size, string Modality, string Region, double Purity)
{
    /// <summary>Builds the rows from cluster ids and per-member modality/region labels (parallel arrays).</summary>
    public static IReadOnlyList<ClusterTableRow> Build(IReadOnlyList<int> clusters, IReadOnlyList<string> modalities, IReadOnlyList<string> regions) =>
        Enumerable.Range(0, clusters.Count).GroupBy(i => clusters[i]).OrderBy(g => g.Key).Select(g =>
        {
            var members = g.ToList();
            string Dominant(IReadOnlyList<string> labels) => members.GroupBy(i => labels[i]).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var top = members.GroupBy(i => (modalities[i], regions[i])).Max(x => x.Count());
            return new ClusterTableRow(g.Key, members.Count, Dominant(modalities), Dominant(regions), (double)top / members.Count);
        }).ToList();

    /// <summary>Renders the rows as a console table.</summary>
    public static Table Render(IReadOnlyList<ClusterTableRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Clusters");
        table.AddColumn("cluster").AddColumn(new TableColumn("size").RightAligned()).AddColumn("modality").AddColumn("region")
            .AddColumn(new TableColumn("purity").RightAligned());
        foreach (var r in rows)
            table.AddRow(r.Cluster.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(r.Modality), Markup.Escape(r.Region), r.Purity.ToString("P0", System.Globalization.CultureInfo.InvariantCulture));
        return table;
    }
}

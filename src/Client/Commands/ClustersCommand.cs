using System.CommandLine;
using System.Globalization;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet clusters</c>: every cluster with its auto-name, size, dominant modality and region, purity and medoid.</summary>
public static class ClustersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var sample = SampleOption.Create();
        var source = new ResultsSourceOptions();
        var command = new Command("clusters", """
            List every cluster: id, auto-name, size, dominant modality and region with their shares, purity, medoid SOP.
            Against a cluster (--connection) sizes and shares are exact, from the cluster grains; the medoid is the member
            nearest the centre, found shard by shard; report terms (in the names) and purity are computed from the
            --sample members nearest each centre (default 200), not from every member.

            Examples:
              radnet clusters --results radnet-out
              radnet clusters --json | jq '.[] | select(.purity < 0.8)'
              radnet clusters --connection "$CONN" --sample 500
            """) { json, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rows = await RowsAsync(source, parse, parse.GetValue(sample), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(rows);
                return 0;
            }
            AnsiConsole.Write(Render(rows));
            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<ClusterOverview>> RowsAsync(ResultsSourceOptions source, ParseResult parse, int sample, CancellationToken cancellationToken)
    {
        if (!source.IsCluster(parse)) return ClusterOverview.Of(source.ReadFolder(parse));
        await using var cluster = await source.ConnectAsync(parse, cancellationToken);
        return (await cluster.CatalogueAsync(sample, keepVectors: false, cancellationToken)).Overview();
    }

    /// <summary>The clusters as a console table.</summary>
    public static Table Render(IReadOnlyList<ClusterOverview> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Clusters");
        table.AddColumn(new TableColumn("id").RightAligned()).AddColumn("name").AddColumn(new TableColumn("size").RightAligned())
            .AddColumn("modality").AddColumn("region").AddColumn(new TableColumn("purity").RightAligned()).AddColumn("medoid SOP");
        foreach (var r in rows)
        {
            table.AddRow(Cell(r.Id.ToString(CultureInfo.InvariantCulture)), Cell(r.Name), Cell(r.Size.ToString(CultureInfo.InvariantCulture)),
                Cell($"{r.Modality} {r.ModalityShare.ToString("P0", CultureInfo.InvariantCulture)}"),
                Cell($"{r.Region} {r.RegionShare.ToString("P0", CultureInfo.InvariantCulture)}"),
                Cell(r.Purity.ToString("P0", CultureInfo.InvariantCulture)), Cell(r.MedoidSop));
        }
        return table;
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));
}

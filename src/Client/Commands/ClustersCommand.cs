using System.CommandLine;
using System.Globalization;
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
        var source = new ResultsSourceOptions();
        var command = new Command("clusters", """
            List every cluster: id, auto-name, size, dominant modality and region with their shares, purity, medoid SOP.

            Examples:
              radnet clusters --results radnet-out
              radnet clusters --json | jq '.[] | select(.purity < 0.8)'
              radnet clusters --connection "$CONN"
            """) { json };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rows = ClusterOverview.Of(await source.LoadAsync(parse, cancellationToken));
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

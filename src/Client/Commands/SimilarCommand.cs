using System.CommandLine;
using System.Globalization;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet similar SOP -k N</c>: the nearest images by fused distance.</summary>
public static class SimilarCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var sop = new Argument<string>("sop") { Description = "SOPInstanceUID of the query image" };
        var count = new Option<int>("--count", "-k") { Description = "How many neighbours", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var source = new ResultsSourceOptions();
        var command = new Command("similar", """
            List the images nearest to one image by fused distance (the model's metric). Against a cluster the search runs
            in every shard and the results are merged.

            Examples:
              radnet similar 1.2.826.0.1.3680043.8.498.1 -k 5
              radnet similar 1.2.826.0.1.3680043.8.498.1 -k 20 --json --connection "$CONN"
            """) { sop, count, json };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var k = parse.GetValue(count);
            if (k < 1) throw new ArgumentException("-k must be at least 1");
            IReadOnlyList<SimilarImages.Hit> hits;
            if (source.IsCluster(parse))
            {
                await using var cluster = await ClusterClientHost.ConnectAsync(source.Storage.Read(parse), cancellationToken);
                hits = await SimilarImages.InCluster(cluster.Client, source.Storage.Model(parse), parse.GetValue(sop)!, k);
            }
            else
            {
                hits = SimilarImages.InResults(ResultsStore.Read(source.Folder(parse)), parse.GetValue(sop)!, k);
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(hits);
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title("Nearest images");
            table.AddColumn(new TableColumn("#").RightAligned()).AddColumn("SOP").AddColumn(new TableColumn("distance").RightAligned())
                .AddColumn(new TableColumn("cluster").RightAligned()).AddColumn("modality").AddColumn("region").AddColumn("file");
            for (var i = 0; i < hits.Count; i++)
            {
                var h = hits[i];
                table.AddRow(new Markup($"{i + 1}"), new Markup(Markup.Escape(h.SopInstanceUid)), new Markup(h.Distance.ToString("G5", CultureInfo.InvariantCulture)),
                    new Markup(h.Cluster?.ToString(CultureInfo.InvariantCulture) ?? "—"), new Markup(Markup.Escape(h.Modality)),
                    new Markup(Markup.Escape(h.Region)), new Markup(Markup.Escape(h.File)));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet image SOP</c>: one image's cluster, distance, runner-up and margin, and the provenance of its features.</summary>
public static class ImageCommand
{
    /// <summary>What <c>image</c> prints.</summary>
    public sealed record Details(string SopInstanceUid, string SeriesInstanceUid, string StudyInstanceUid, string File, string Status, string Reason,
        int? Cluster, string? ClusterName, float? Distance, int? RunnerUp, string? RunnerUpName, float? RunnerUpDistance, float? Margin,
        string Modality, string Region, string Manufacturer, IReadOnlyList<string> Sources, int ModelVersion, string Metric);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var sop = new Argument<string>("sop") { Description = "SOPInstanceUID of the image" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var sample = SampleOption.Create();
        var source = new ResultsSourceOptions();
        var command = new Command("image", """
            Show one image: its cluster and distance, the runner-up cluster and the margin, and which feature sources
            (image, metadata, report) its fused vector was built from.

            Examples:
              radnet image 1.2.826.0.1.3680043.8.498.1
              radnet image 1.2.826.0.1.3680043.8.498.1 --json
              radnet image 1.2.826.0.1.3680043.8.498.1 --connection "$CONN"

            Against a cluster (--connection) the image's vector comes from its shard and its record from its study; the cluster
            names are built as in `radnet clusters` (report terms from the --sample members nearest each centre).
            """) { sop, json, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var details = source.IsCluster(parse)
                ? await InClusterAsync(source, parse, parse.GetValue(sop)!, parse.GetValue(sample), cancellationToken)
                : Describe(source.ReadFolder(parse), parse.GetValue(sop)!);
            if (parse.GetValue(json)) JsonOutput.Write(details);
            else Render(details);
            return 0;
        });
        return command;
    }

    /// <summary>The details of one image; throws <see cref="ArgumentException"/> when the SOPInstanceUID is unknown.</summary>
    public static Details Describe(ArchiveResults results, string sop)
    {
        var i = results.FindInstance(sop) ?? throw new ArgumentException($"no image with SOPInstanceUID '{sop}' in these results");
        return Describe(i, c => results.FindCluster(c)?.Name, results.Model.Version, results.Model.Metric);
    }

    private static async Task<Details> InClusterAsync(ResultsSourceOptions source, ParseResult parse, string sop, int sample, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        var image = await ClusterImage.FindAsync(session.Client, session.Model, sop);
        var catalogue = await session.CatalogueAsync(sample, keepVectors: false, cancellationToken);
        return Describe(image, c => catalogue.Find(c)?.Name, session.Model.Snapshot.Version, session.Model.Results.Metric);
    }

    private static Details Describe(InstanceResult i, Func<int, string?> clusterName, int version, string metric)
    {
        var sources = Enum.GetValues<FeatureSources>().Where(s => s != FeatureSources.None && i.Sources.HasFlag(s)).Select(s => s.ToString().ToLowerInvariant()).ToList();
        return new Details(i.SopInstanceUid, i.SeriesInstanceUid, i.StudyInstanceUid, i.File, i.Status, i.Reason,
            i.Cluster, i.Cluster is { } c ? clusterName(c) : null, i.Distance,
            i.RunnerUp, i.RunnerUp is { } r ? clusterName(r) : null, i.RunnerUpDistance, i.Margin,
            i.Modality, i.Region, i.Manufacturer, sources, version, metric);
    }

    private static void Render(Details d)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Markup(Markup.Escape(value ?? "—")));
        static string F(float? x) => x?.ToString("G5", CultureInfo.InvariantCulture) ?? "—";
        Row("SOP", d.SopInstanceUid);
        Row("file", d.File);
        Row("status", d.Reason.Length > 0 ? $"{d.Status}: {d.Reason}" : d.Status);
        Row("cluster", d.Cluster is null ? null : $"{d.Cluster} · {d.ClusterName}");
        Row("distance", $"{F(d.Distance)} ({d.Metric}, model version {d.ModelVersion})");
        Row("runner-up", d.RunnerUp is null ? null : $"{d.RunnerUp} · {d.RunnerUpName} at {F(d.RunnerUpDistance)}");
        Row("margin", d.Margin is null ? null : $"{F(d.Margin)} nearer its own centre than the runner-up's");
        Row("labels", $"{d.Modality} · {d.Region}");
        Row("manufacturer", d.Manufacturer.Length > 0 ? d.Manufacturer : null);
        Row("features from", d.Sources.Count > 0 ? string.Join(" + ", d.Sources) : "none (no vector)");
        AnsiConsole.Write(new Panel(grid).Header("Image").Border(BoxBorder.Rounded));
    }
}

using System.CommandLine;
using System.Globalization;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet cluster show ID</c>: a cluster's composition, distance distribution, report terms, medoid and nearest/furthest members.</summary>
public static class ClusterShowCommand
{
    /// <summary>
    /// What <c>cluster show</c> prints. <paramref name="Sampled"/> is null when every member was read (a results folder);
    /// against a cluster it counts the members nearest the centre that were read: the distance summary, manufacturers and
    /// terms are theirs, and the furthest members are not listed.
    /// </summary>
    public sealed record Details(int Id, string Name, int Size, string Metric, int ModelVersion,
        IReadOnlyDictionary<string, int> Modalities, IReadOnlyDictionary<string, int> Regions, IReadOnlyDictionary<string, int> Manufacturers,
        IReadOnlyList<string> Terms, DistanceSummary Distances, Member? Medoid, IReadOnlyList<Member> Nearest, IReadOnlyList<Member> Furthest,
        int? Sampled = null);

    /// <summary>A member of the cluster.</summary>
    public sealed record Member(string SopInstanceUid, string File, float Distance, string Modality, string Region);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var id = new Argument<int>("id") { Description = "Cluster id" };
        var members = new Option<int>("--members", "-n") { Description = "Members to list nearest to and furthest from the centre", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var sample = SampleOption.Create();
        var source = new ResultsSourceOptions();
        var command = new Command("show", """
            Show one cluster: composition by modality, region and manufacturer, the distance distribution, report terms,
            the medoid and the members nearest to and furthest from the centre.

            Examples:
              radnet cluster show 3
              radnet cluster show 3 -n 10 --json
              radnet cluster show 3 --connection "$CONN"

            Against a cluster (--connection), size and modality/region composition are exact (the cluster grains); the
            members are the --sample instances nearest the centre (found shard by shard), so the distance summary,
            manufacturers and report terms are theirs, and the furthest members are not listed.
            """) { id, members, json, sample };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var details = source.IsCluster(parse)
                ? await InClusterAsync(source, parse, parse.GetValue(id), parse.GetValue(members), parse.GetValue(sample), cancellationToken)
                : Describe(source.ReadFolder(parse), parse.GetValue(id), parse.GetValue(members));
            if (parse.GetValue(json)) JsonOutput.Write(details);
            else Render(details);
            return 0;
        });
        return command;
    }

    /// <summary>The details of cluster <paramref name="id"/>; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public static Details Describe(ArchiveResults results, int id, int members)
    {
        var cluster = results.FindCluster(id)
            ?? throw new ArgumentException($"no cluster {id}: the model has clusters 0 to {results.Clusters.Count - 1}");
        return Describe(cluster, results.MembersOf(id).Where(m => m.Distance is not null).ToList(), results.Model.Metric, results.Model.Version, members, sampled: false);
    }

    private static async Task<Details> InClusterAsync(ResultsSourceOptions source, ParseResult parse, int id, int members, int sample, CancellationToken cancellationToken)
    {
        await using var session = await source.ConnectAsync(parse, cancellationToken);
        return Describe(await session.CatalogueAsync(sample, keepVectors: false, cancellationToken), id, members);
    }

    /// <summary>The details of cluster <paramref name="id"/> of a running model, from its catalogue; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public static Details Describe(ClusterCatalogue catalogue, int id, int members)
    {
        var cluster = catalogue.Find(id)
            ?? throw new ArgumentException($"no cluster {id}: the model has clusters 0 to {catalogue.Clusters.Count - 1}");
        return Describe(cluster, catalogue.Sample.Of(id).ToList(), catalogue.Model.Results.Metric, catalogue.Model.Snapshot.Version, members, sampled: true);
    }

    private static Details Describe(ClusterResult cluster, IReadOnlyList<InstanceResult> ordered, string metric, int version, int members, bool sampled)
    {
        Member Of(InstanceResult i) => new(i.SopInstanceUid, i.File, i.Distance!.Value, i.Modality, i.Region);
        return new Details(cluster.Id, cluster.Name, cluster.Size, metric, version,
            cluster.Modalities, cluster.Regions, cluster.Manufacturers, cluster.Terms,
            DistanceSummary.Of(ordered.Select(m => (double)m.Distance!.Value).ToList()),
            ordered.FirstOrDefault(m => m.SopInstanceUid == cluster.MedoidSop) is { } medoid ? Of(medoid) : null,
            ordered.Take(members).Select(Of).ToList(),
            sampled ? [] : ordered.AsEnumerable().Reverse().Take(members).Select(Of).ToList(),
            sampled ? ordered.Count : null);
    }

    private static void Render(Details d)
    {
        AnsiConsole.Write(new Rule(Markup.Escape($"Cluster {d.Id}: {d.Name}")).LeftJustified());
        AnsiConsole.MarkupLineInterpolated($"{d.Size} members · model version {d.ModelVersion} · {d.Metric} distance");
        if (d.Sampled is { } sampled)
            AnsiConsole.MarkupLineInterpolated($"[grey]Distances, manufacturers and terms from the {sampled} members nearest the centre (--sample); the furthest are not listed against a cluster.[/]");
        if (d.Terms.Count > 0) AnsiConsole.MarkupLineInterpolated($"Report terms: [bold]{string.Join(", ", d.Terms)}[/]");
        var composition = new Table().Border(TableBorder.Rounded).Title("Composition");
        composition.AddColumn("modality").AddColumn("region").AddColumn("manufacturer");
        var columns = new[] { d.Modalities, d.Regions, d.Manufacturers }.Select(h => Shares(h, d.Size)).ToArray();
        for (var r = 0; r < columns.Max(c => c.Count); r++)
            composition.AddRow(columns.Select(c => new Markup(Markup.Escape(r < c.Count ? c[r] : ""))).ToArray());
        AnsiConsole.Write(composition);

        var s = d.Distances;
        AnsiConsole.MarkupLineInterpolated($"Distance to centre: min {s.Min:G4} · p10 {s.P10:G4} · p25 {s.P25:G4} · median {s.Median:G4} · p75 {s.P75:G4} · p90 {s.P90:G4} · max {s.Max:G4}");
        if (s.Histogram.Count > 0)
        {
            var chart = new BarChart().Width(60);
            foreach (var bin in s.Histogram) chart.AddItem($"{bin.From:G3}–{bin.To:G3}", bin.Count, Color.SteelBlue);
            AnsiConsole.Write(chart);
        }
        if (d.Medoid is { } m) AnsiConsole.MarkupLineInterpolated($"Medoid: [bold]{m.SopInstanceUid}[/] ({m.File}, distance {m.Distance:G4})");
        AnsiConsole.Write(Members("Nearest to the centre", d.Nearest));
        if (d.Sampled is null) AnsiConsole.Write(Members("Furthest from the centre", d.Furthest));
    }

    private static List<string> Shares(IReadOnlyDictionary<string, int> histogram, int size) =>
        histogram.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key} {h.Value} ({((double)h.Value / Math.Max(size, 1)).ToString("P0", CultureInfo.InvariantCulture)})").ToList();

    private static Table Members(string title, IReadOnlyList<Member> members)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("SOP").AddColumn("file").AddColumn(new TableColumn("distance").RightAligned()).AddColumn("modality").AddColumn("region");
        foreach (var m in members)
            table.AddRow(new Markup(Markup.Escape(m.SopInstanceUid)), new Markup(Markup.Escape(m.File)),
                new Markup(m.Distance.ToString("G4", CultureInfo.InvariantCulture)), new Markup(Markup.Escape(m.Modality)), new Markup(Markup.Escape(m.Region)));
        return table;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using RadiologyNet.Client.Commands;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Client.LoadTest;

/// <summary>One query verb's time, or the error it failed with (never hidden).</summary>
/// <param name="Verb">The CLI verb.</param>
/// <param name="Seconds">Its time, including collecting what it reads, as one CLI invocation would.</param>
/// <param name="Detail">What it returned (a count), or null when it failed.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record VerbTiming(string Verb, double Seconds, string? Detail, string? Error);

/// <summary>
/// Times each query verb the way it runs against a cluster: the same client code the command calls (collecting the results
/// from the grains, then the verb's own step), once each. The rows come from the study grains, as <c>export</c> builds them.
/// </summary>
public static class QueryVerbs
{
    /// <summary>Runs every verb; each failure is recorded, not thrown.</summary>
    public static async Task<IReadOnlyList<VerbTiming>> TimeAsync(IClusterClient client, SyntheticArchive archive, string model, string outFolder,
        CancellationToken cancellationToken)
    {
        var sop = SyntheticUids.Instance(archive.Seed, 0);
        var coordinator = client.GetGrain<ICoordinatorGrain>(model);
        Task<ArchiveResults> Collect() => CollectAsync(client, archive, model, cancellationToken);
        var verbs = new (string Verb, Func<Task<string>> Run)[]
        {
            ("status", async () =>
            {
                var status = ArchiveStatus.Of(await coordinator.GetStatus(), await coordinator.GetModel(), await coordinator.GetLastRefinement(), archive.Instances, null);
                return $"{status.Assigned} assigned";
            }),
            ("clusters", async () => $"{ClusterOverview.Of(await Collect()).Count} clusters"),
            ("cluster show", async () => $"cluster 0: {ClusterShowCommand.Describe(await Collect(), 0, 5).Size} members"),
            ("image", async () => $"cluster {ImageCommand.Describe(await Collect(), sop).Cluster?.ToString(CultureInfo.InvariantCulture) ?? "none"}"),
            ("similar", async () => $"{(await SimilarImages.InCluster(client, model, sop, 10)).Count} neighbours"),
            ("export", async () =>
            {
                var results = await Collect();
                await using var writer = new StreamWriter(Path.Combine(outFolder, "export.csv"), false, new UTF8Encoding(false));
                ResultsExport.Write(writer, results, "csv", PathMode.Relative);
                return $"{results.Instances.Count} rows";
            }),
            ("evaluate", async () =>
            {
                var results = await Collect();
                var quality = ResultsQuality.Of(results);
                var tables = new[] { "modality", "region" }.Select(l => ConfusionTable.Of(results, l)).ToList();
                return $"{quality.Metrics.Count} sources scored, {tables.Count} confusion tables";
            }),
            ("report", async () =>
            {
                var summary = ReportCommand.Write(await Collect(), Path.Combine(outFolder, "report"), PathMode.Relative, announce: false);
                return $"{summary.Pages} pages";
            }),
        };
        var timings = new List<VerbTiming>();
        foreach (var (verb, run) in verbs)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var detail = await run();
                timings.Add(new VerbTiming(verb, clock.Elapsed.TotalSeconds, detail, null));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                timings.Add(new VerbTiming(verb, clock.Elapsed.TotalSeconds, null, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        return timings;
    }

    /// <summary>What the cluster-mode verbs read: <see cref="ResultsCollector"/> over the study grains' rows (no reports: synthetic studies have no text).</summary>
    private static async Task<ArchiveResults> CollectAsync(IClusterClient client, SyntheticArchive archive, string model, CancellationToken cancellationToken)
    {
        var rows = await StudyRecords.RowsAsync(client, archive, cancellationToken);
        return await ResultsCollector.CollectAsync(client, model, rows, archiveFolder: null, new StudyReportReader(_ => Task.FromResult<string?>(null), null), cancellationToken);
    }
}

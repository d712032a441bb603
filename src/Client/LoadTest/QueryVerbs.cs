using System.Diagnostics;
using System.Runtime.CompilerServices;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Distributed;
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
/// Times each query verb the way it runs against a cluster (<c>--connection</c>): the same client code the command calls
/// (<see cref="ClusterModel"/>, <see cref="MemberSample"/>, <see cref="ClusterCatalogue"/>, <see cref="ClusterImage"/>,
/// <see cref="HistogramQuality"/>, <see cref="SimilarImages"/>), once each, so no verb holds the archive. Synthetic studies
/// have no report text and no blobs: names get no terms, and <c>export</c> lists the archive from its generator
/// (<see cref="StudyRecords"/>) where the command lists the container, then streams the study grains' rows the same way.
/// </summary>
public static class QueryVerbs
{
    /// <summary>Runs every verb; each failure is recorded, not thrown.</summary>
    public static async Task<IReadOnlyList<VerbTiming>> TimeAsync(IClusterClient client, SyntheticArchive archive, string model, string outFolder,
        CancellationToken cancellationToken)
    {
        var sop = SyntheticUids.Instance(archive.Seed, 0);
        var coordinator = client.GetGrain<ICoordinatorGrain>(model);
        var noReports = new StudyReportReader(_ => Task.FromResult<string?>(null), null);
        async Task<ClusterCatalogue> Catalogue(bool keepVectors)
        {
            var read = await ClusterModel.ReadAsync(client, model);
            var sample = await MemberSample.DrawAsync(client, read, MemberSample.DefaultPerCluster, keepVectors, cancellationToken);
            return await ClusterCatalogue.BuildAsync(read, sample, noReports, cancellationToken);
        }
        var verbs = new (string Verb, Func<Task<string>> Run)[]
        {
            ("status", async () =>
            {
                var status = ArchiveStatus.Of(await coordinator.GetStatus(), await coordinator.GetModel(), await coordinator.GetLastRefinement(), archive.Instances, null);
                return $"{status.Assigned} assigned";
            }),
            ("clusters", async () => $"{(await Catalogue(keepVectors: false)).Overview().Count} clusters"),
            ("cluster show", async () => $"cluster 0: {ClusterShowCommand.Describe(await Catalogue(keepVectors: false), 0, 5).Size} members"),
            ("image", async () => $"cluster {(await ClusterImage.FindAsync(client, await ClusterModel.ReadAsync(client, model), sop)).Cluster?.ToString(CultureInfo.InvariantCulture) ?? "none"}"),
            ("similar", async () => $"{(await SimilarImages.InCluster(client, model, sop, 10)).Count} neighbours"),
            ("export", async () =>
            {
                var catalogue = await Catalogue(keepVectors: false);
                await using var writer = new StreamWriter(Path.Combine(outFolder, "export.csv"), false, new UTF8Encoding(false), 1 << 16);
                var rows = 0L;
                var stream = Rows(client, archive, cancellationToken).ToBlockingEnumerable(cancellationToken).Select(r => { rows++; return r; });
                ResultsExport.Write(writer, stream, catalogue.Names, catalogue.Model.Snapshot.Version, "csv", PathMode.Relative);
                return $"{rows} rows";
            }),
            ("evaluate", async () =>
            {
                var summaries = (await ClusterModel.ReadAsync(client, model)).Summaries;
                var quality = HistogramQuality.Of(summaries);
                var tables = HistogramQuality.Labels.Select(l => HistogramQuality.Confusion(summaries, l.Label)).ToList();
                return $"{quality.Metrics.Count} labels scored, {tables.Count} confusion tables";
            }),
            ("report", async () =>
            {
                var summary = ReportCommand.Write((await Catalogue(keepVectors: true)).AsResults(), Path.Combine(outFolder, "report"), PathMode.Relative, announce: false);
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

    /// <summary>The export rows, study by study as the study grains know them (the cluster-mode export's row shape).</summary>
    private static async IAsyncEnumerable<InstanceResult> Rows(IClusterClient client, SyntheticArchive archive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, events, records) in StudyRecords.ReadAsync(client, archive, cancellationToken))
            foreach (var e in events) yield return ClusterExport.RowOf(e, records.GetValueOrDefault(e.SopInstanceUid));
    }
}

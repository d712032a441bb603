using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet status</c>: ingested, featurised, assigned and quarantined counts, rate, model version and last refinement.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Keep a live display, refreshed every --interval seconds, until Ctrl+C (cluster only)" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes with --watch", DefaultValueFactory = _ => 2 };
        var source = new ResultsSourceOptions();
        var command = new Command("status", """
            Show ingested, featurised, assigned and quarantined counts, the rate, the model version and the last refinement.

            Examples:
              radnet status --results radnet-out
              radnet status --connection "$CONN" --watch
              radnet status --connection "$CONN" --json
            """) { json, watch, interval };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!source.IsCluster(parse))
            {
                if (parse.GetValue(watch)) throw new ArgumentException("--watch needs a running cluster (--connection); a results folder does not change");
                Show(ArchiveStatus.Of(ResultsStore.Read(source.Folder(parse))), parse.GetValue(json));
                return 0;
            }
            var storage = source.Storage.Read(parse);
            await using var cluster = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
            var probe = new ClusterProbe(cluster.Client.GetGrain<ICoordinatorGrain>(source.Storage.Model(parse)), storage);
            if ((await cluster.Client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport()).Enabled)
            {
                // On stderr, so the table and the JSON keep their shape; a load-test cluster must never pass for a real one.
                Console.Error.WriteLine(LoadTestNotice);
            }
            var seconds = Math.Max(0.2, parse.GetValue(interval));
            if (!parse.GetValue(watch))
            {
                await probe.SampleAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds, 1)), cancellationToken);
                Show(await probe.SampleAsync(cancellationToken), parse.GetValue(json));
                return 0;
            }
            var first = await probe.SampleAsync(cancellationToken);
            await AnsiConsole.Live(Render(first)).StartAsync(async live =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
                        live.UpdateTarget(Render(await probe.SampleAsync(cancellationToken)));
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            return 0;
        });
        return command;
    }

    /// <summary>What status says about a cluster whose silos run with the load-test switch.</summary>
    public const string LoadTestNotice = "LOAD TEST: this cluster's silos run with LoadTest:Enabled=true; its features are synthetic, not a real archive's";

    private static void Show(ArchiveStatus status, bool json)
    {
        if (json) JsonOutput.Write(status);
        else AnsiConsole.Write(Render(status));
    }

    private static IRenderable Render(ArchiveStatus s)
    {
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).Title($"Model: {s.Phase}, version {s.ModelVersion}, k = {s.Clusters}, {s.Metric}");
        table.AddColumn(new TableColumn("ingested").RightAligned()).AddColumn(new TableColumn("featurised").RightAligned())
            .AddColumn(new TableColumn("assigned").RightAligned()).AddColumn(new TableColumn("quarantined").RightAligned())
            .AddColumn(new TableColumn("pending").RightAligned()).AddColumn(new TableColumn("duplicates").RightAligned())
            .AddColumn(new TableColumn("images/s").RightAligned()).AddColumn("last refinement");
        table.AddRow(N(s.Ingested), N(s.Featurised), N(s.Assigned), N(s.Quarantined), N(s.Pending), N(s.Duplicates),
            s.ImagesPerSecond?.ToString("F1", CultureInfo.InvariantCulture) ?? "—",
            s.LastRefinement is { } r ? $"v{r.Version}: total deviation {r.TotalDeviation:F1} in {r.Seconds:F1} s" : "none");
        var done = s.Ingested == 0 ? 0 : (double)(s.Assigned + s.Quarantined) / s.Ingested;
        var bar = new BreakdownChart().Width(60)
            .AddItem("assigned", s.Assigned, Color.Green).AddItem("quarantined", s.Quarantined, Color.Red).AddItem("pending", s.Pending, Color.Grey);
        return new Rows(table, new Markup($"settled {done.ToString("P1", CultureInfo.InvariantCulture)}"), bar);
    }

    /// <summary>
    /// Samples a running model, and its rate from the previous sample. Counting the instance blobs lists the whole
    /// container, so that count is refreshed at most every <see cref="ListingInterval"/>, not on every sample.
    /// </summary>
    private sealed class ClusterProbe(ICoordinatorGrain coordinator, Silo.StorageOptions storage)
    {
        private static readonly TimeSpan ListingInterval = TimeSpan.FromSeconds(30);
        private (long Settled, Stopwatch Clock)? _previous;
        private (long Count, Stopwatch Age)? _ingested;

        public async Task<ArchiveStatus> SampleAsync(CancellationToken cancellationToken)
        {
            var status = await coordinator.GetStatus();
            var model = await coordinator.GetModel();
            var refinement = await coordinator.GetLastRefinement();
            if (_ingested is not { } known || known.Age.Elapsed > ListingInterval)
                _ingested = (await CountInstanceBlobs(cancellationToken), Stopwatch.StartNew());
            double? rate = _previous is { } p ? (status.Settled - p.Settled) / Math.Max(p.Clock.Elapsed.TotalSeconds, 1e-3) : null;
            _previous = (status.Settled, Stopwatch.StartNew());
            return ArchiveStatus.Of(status, model, refinement, _ingested.Value.Count, rate);
        }

        private async Task<long> CountInstanceBlobs(CancellationToken cancellationToken)
        {
            var count = 0L;
            await foreach (var blob in storage.StudiesContainer().GetBlobsAsync(cancellationToken: cancellationToken))
                if (BlobNaming.TryParseInstance(blob.Name, out _)) count++;
            return count;
        }
    }
}

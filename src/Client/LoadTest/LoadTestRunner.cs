using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Client.LoadTest;

/// <summary>
/// Runs a load test on a connected cluster: publishes the synthetic archive, waits until every instance has settled,
/// flushes, reassigns, refines, evaluates, times every query verb, scores the labels against the truth, and writes
/// DIR/truth.csv and DIR/loadtest.json.
/// </summary>
public static class LoadTestRunner
{
    /// <summary>How long settling may make no progress before the run fails.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(5);

    /// <summary>Runs the load test.</summary>
    public static async Task<LoadTestReport> RunAsync(LoadTestCluster cluster, LoadTestSettings settings, AnnotationRunner.ProgressReporter? progress, CancellationToken cancellationToken)
    {
        settings.Validate();
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.Out);
        var client = cluster.Client;
        var switchReport = await client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport();
        if (!switchReport.Enabled) await LoadTestCluster.RequireSwitchAsync(client);
        var archive = new SyntheticArchive(settings.Seed, settings.Instances, settings.Components, settings.StudiesMean);
        var coordinator = client.GetGrain<ICoordinatorGrain>(settings.Model);
        await coordinator.Configure(new ModelSettings(settings.Clusters, settings.BootstrapSize, settings.Seed));
        var baseline = (await coordinator.GetStatus()).Settled;
        await using var memory = new ResidentSetWatch();
        memory.Enter("ingest");

        IngestFigures ingest;
        long peakRss;
        await using (var sampler = new SettleSampler(coordinator, baseline))
        {
            var clock = Stopwatch.StartNew();
            progress?.Invoke("publishing", 0, settings.Instances);
            var totals = await SyntheticIngest.PublishAsync(client, archive, Path.Combine(settings.Out, "truth.csv"), sampler.SettledAsync, settings.Window, cancellationToken);
            var settled = await WaitSettledAsync(sampler, totals.Instances, progress, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            sampler.ObserveMemory();
            var samples = sampler.Samples;
            ingest = new IngestFigures(totals.Studies, (double)totals.Instances / Math.Max(1, totals.Studies), totals.LargestStudy, totals.Instances, settled,
                seconds, settled / Math.Max(seconds, 1e-9), PeakRate(samples), samples.Count == 0 ? 0 : samples.Max(x => x.RssBytes), samples);
            peakRss = sampler.PeakRssBytes;
        }

        var phases = new List<PhaseTiming>();
        string? qualityError = null;
        memory.Enter("flush and reassign");
        await TimeAsync(phases, "flush", () => coordinator.Flush());
        await TimeAsync(phases, "reassign", () => coordinator.Reassign());
        memory.Enter("quality before refinement");
        var dimension = (await coordinator.GetModel()).Dimension;
        QualityFigures? streamingQuality = null;
        try
        {
            streamingQuality = await LoadTestQuality.MeasureAsync(client, archive, settings, dimension, switchReport.Noise, withOffline: false, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            qualityError = $"before refinement: {e.GetType().Name}: {e.Message}";
        }
        progress?.Invoke("refining", 0, 1);
        memory.Enter("refine");
        await TimeAsync(phases, "refine", () => RefineAsync(coordinator, cancellationToken));
        IReadOnlyList<LabelEvaluation> labels = [];
        memory.Enter("evaluate (coordinator)");
        await TimeAsync(phases, "evaluate (coordinator)", async () => labels = await coordinator.EvaluateLabels());

        progress?.Invoke("query verbs", 0, 1);
        memory.Enter("query verbs");
        var verbs = await QueryVerbs.TimeAsync(client, archive, settings.Model, settings.Out, cancellationToken);

        progress?.Invoke("quality", 0, 1);
        memory.Enter("quality");
        QualityFigures? quality = null;
        try
        {
            quality = await LoadTestQuality.MeasureAsync(client, archive, settings, dimension, switchReport.Noise, withOffline: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            qualityError = $"{e.GetType().Name}: {e.Message}";
        }

        var counters = await client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport();
        var n = Math.Max(1, ingest.Published);
        var storage = new StorageFigures(counters.StorageCounted, counters.GrainStorageRequests, counters.GrainStorageBytesWritten, counters.SegmentRequests,
            counters.SegmentBytesWritten, (double)(counters.GrainStorageRequests + counters.SegmentRequests) / n,
            (double)(counters.GrainStorageBytesWritten + counters.SegmentBytesWritten) / n);
        using (var self = Process.GetCurrentProcess()) peakRss = Math.Max(peakRss, self.PeakWorkingSet64);
        var report = new LoadTestReport(cluster.IsEmbedded ? "embedded" : "connection", settings, ingest, peakRss,
            cluster.IsEmbedded ? "this process, silo included" : "this process (the client) only",
            cluster.IsEmbedded ? "included in peak_rss_bytes" : "not measured",
            memory.Peaks, storage, new MessageFigures(counters.LargestMessageBytes, counters.LargestMessage, counters.MessagesMeasured),
            phases, labels, verbs, streamingQuality, quality, qualityError, total.Elapsed.TotalSeconds);
        await File.WriteAllTextAsync(Path.Combine(settings.Out, "loadtest.json"), JsonSerializer.Serialize(report, LoadTestReport.Json), cancellationToken);
        return report;
    }

    private static async Task<long> WaitSettledAsync(SettleSampler sampler, long published, AnnotationRunner.ProgressReporter? progress, CancellationToken cancellationToken)
    {
        var settled = await sampler.SettledAsync();
        var last = -1L;
        var idle = Stopwatch.StartNew();
        while (settled < published)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (settled != last)
            {
                progress?.Invoke("settling", settled, published);
                last = settled;
                idle.Restart();
            }
            else if (idle.Elapsed > StallLimit)
            {
                throw new TimeoutException($"no progress for {StallLimit.TotalMinutes:F0} minutes: {settled} of {published} instances settled");
            }
            await Task.Delay(200, cancellationToken);
            settled = await sampler.SettledAsync();
        }
        progress?.Invoke("settling", settled, published);
        return settled;
    }

    /// <summary>Starts a refinement and polls until its version appears or it reports an error.</summary>
    private static async Task RefineAsync(ICoordinatorGrain coordinator, CancellationToken cancellationToken)
    {
        var before = (await coordinator.GetLastRefinement())?.Version;
        var earlierError = await coordinator.GetLastRefinementError();
        await coordinator.StartRefinement();
        while (true)
        {
            await Task.Delay(250, cancellationToken);
            if (await coordinator.GetLastRefinementError() is { } error && error != earlierError) throw new InvalidOperationException($"refinement failed: {error}");
            if ((await coordinator.GetLastRefinement())?.Version is { } version && version != before) return;
        }
    }

    private static async Task TimeAsync(List<PhaseTiming> phases, string phase, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await run();
            phases.Add(new PhaseTiming(phase, clock.Elapsed.TotalSeconds, null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            phases.Add(new PhaseTiming(phase, clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private static double PeakRate(IReadOnlyList<SettleSample> samples)
    {
        var peak = 0.0;
        for (var i = 1; i < samples.Count; i++)
        {
            var dt = samples[i].Seconds - samples[i - 1].Seconds;
            if (dt > 0) peak = Math.Max(peak, (samples[i].Settled - samples[i - 1].Settled) / dt);
        }
        return peak;
    }
}

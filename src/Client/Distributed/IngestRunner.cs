using System.Threading.Channels;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Distributed.Ingest;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Distributed;

/// <summary>
/// <c>radnet ingest</c>, streamed: the folder is walked lazily, and each file flows through bounded channels, so memory
/// does not grow with the number of files. Stages: scan (in parallel: read the file, parse its header only) → upload
/// (<c>study/series/sop.dcm</c> with its SHA-256 in blob metadata; see <see cref="BlobOffer"/>; the study's report first,
/// see <see cref="StudyReports"/>) → enqueue (in batches: the shards are asked which of the batch's instances have not
/// settled, and one event goes on the ingest stream for each). An instance is enqueued as soon as its upload finishes.
/// A re-run uploads nothing already stored with the same content and enqueues nothing already settled; an ingest killed
/// between upload and enqueue is finished by a re-run or by the silos' reconciler.
/// </summary>
public static class IngestRunner
{
    /// <summary>Instances per enqueue batch (spread over the shards: one <c>Unsettled</c> call per shard it touches).</summary>
    public const int EnqueueBatch = 256;

    private static readonly TimeSpan BatchLinger = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Runs the ingest; <paramref name="progress"/> gets (stage, done, total), total 0 while still unknown; rejected files are
    /// counted, the first few kept, and each written to <paramref name="rejectedCsv"/> when given.
    /// </summary>
    public static async Task<IngestResult> RunAsync(string folder, string? reportsCsv, StorageOptions storage, string model, int shards, int parallelism,
        AnnotationRunner.ProgressReporter? progress, CancellationToken cancellationToken, TextWriter? rejectedCsv = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"archive folder '{folder}' does not exist");
        var container = storage.StudiesContainer();
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await using var cluster = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
        var queue = await IngestQueue.OpenAsync(cluster.Client.ServiceProvider, cancellationToken);
        var offer = new BlobOffer(container, Guid.NewGuid().ToString("N"));
        var reports = new StudyReports(ReportLibrary.Load(reportsCsv, root, root), offer, container);
        var rejected = new RejectedFiles(rejectedCsv);
        var counts = new IngestCounters();

        var candidates = Channel.CreateBounded<string>(4 * parallelism);
        var scanned = Channel.CreateBounded<(ScannedFile File, byte[] Bytes)>(parallelism);
        var stored = Channel.CreateBounded<InstanceArrived>(2 * EnqueueBatch);
        var enqueuers = Math.Max(1, parallelism / 2);
        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stages = new[]
        {
            PipelineStage.RunAsync(1, async ct =>
            {
                foreach (var path in ArchiveScanner.Files(root))
                {
                    counts.File();
                    await candidates.Writer.WriteAsync(path, ct);
                }
                counts.WalkDone();
            }, candidates.Writer, pipeline),
            PipelineStage.RunAsync(parallelism, ct => Scan(root, candidates.Reader, scanned.Writer, rejected, counts, ct), scanned.Writer, pipeline),
            PipelineStage.RunAsync(parallelism, ct => Upload(scanned.Reader, stored.Writer, offer, reports, rejected, counts, ct), stored.Writer, pipeline),
            PipelineStage.RunAsync<InstanceArrived>(enqueuers, ct => Enqueue(stored.Reader, cluster.Client, queue, model, shards, counts, ct), null, pipeline),
        };
        var all = Task.WhenAll(stages);
        while (await Task.WhenAny(all, Task.Delay(ProgressPeriod)) != all) Report(progress, counts);
        try
        {
            await all;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stages.FirstOrDefault(s => s.IsFaulted) is { } failed)
        {
            await failed; // the stage that failed, not one it cancelled
        }
        Report(progress, counts);
        return new IngestResult((int)counts.Candidates, rejected.Count, rejected.Examples, (int)counts.Uploaded, (int)counts.AlreadyStored, reports.Uploaded,
            (int)counts.Enqueued, (int)(counts.Checked - counts.Enqueued));
    }

    private static async Task Scan(string root, ChannelReader<string> paths, ChannelWriter<(ScannedFile, byte[])> output, RejectedFiles rejected,
        IngestCounters counts, CancellationToken cancellationToken)
    {
        await foreach (var path in paths.ReadAllAsync(cancellationToken))
        {
            if (!ArchiveScanner.LooksLikeDicom(path))
            {
                counts.Skip();
                continue;
            }
            counts.Candidate();
            var relative = Path.GetRelativePath(root, path);
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                counts.Inspect(accepted: false);
                rejected.Add(relative, ArchiveScanner.Unreadable(relative, e).QuarantineReason!);
                continue;
            }
            var file = ArchiveScanner.Inspect(relative, bytes);
            counts.Inspect(file.Accepted);
            if (file.Accepted) await output.WriteAsync((file, bytes), cancellationToken);
            else rejected.Add(relative, file.QuarantineReason!);
        }
    }

    private static async Task Upload(ChannelReader<(ScannedFile File, byte[] Bytes)> files, ChannelWriter<InstanceArrived> output, BlobOffer offer,
        StudyReports reports, RejectedFiles rejected, IngestCounters counts, CancellationToken cancellationToken)
    {
        await foreach (var (file, bytes) in files.ReadAllAsync(cancellationToken))
        {
            var name = BlobNaming.Instance(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!);
            var hasReport = await reports.HasReportAsync(file.StudyInstanceUid!, file.AccessionNumber, cancellationToken);
            var outcome = await offer.OfferAsync(name, bytes, cancellationToken);
            counts.Offer(outcome);
            if (outcome == BlobOfferOutcome.StoredByThisRun)
                rejected.Add(file.RelativePath, "duplicate SOPInstanceUID (an earlier file with the same UID was ingested)");
            else
                await output.WriteAsync(new InstanceArrived(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!, name, hasReport), cancellationToken);
        }
    }

    private static async Task Enqueue(ChannelReader<InstanceArrived> instances, IClusterClient client, IngestQueue queue, string model, int shards, IngestCounters counts,
        CancellationToken cancellationToken)
    {
        while (await instances.NextBatchAsync(EnqueueBatch, BatchLinger, cancellationToken) is { } batch)
            counts.Check(batch.Count, await UnsettledEnqueue.RunAsync(client, queue, model, shards, batch));
    }

    private static void Report(AnnotationRunner.ProgressReporter? progress, IngestCounters counts)
    {
        if (progress is null) return;
        var scannedAll = counts.Walked && counts.Skipped + counts.Inspected == counts.Files;
        var offeredAll = scannedAll && counts.Offered == counts.Accepted;
        progress("scanning", counts.Skipped + counts.Inspected, counts.Walked ? counts.Files : 0);
        progress("uploading", counts.Offered, scannedAll ? counts.Accepted : 0);
        progress("enqueuing", counts.Checked, offeredAll ? counts.Offered - counts.Duplicates : 0);
    }
}

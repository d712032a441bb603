using System.Diagnostics;
using Orleans.Streams;
using RadiologyNet.Client.Results;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Annotation;

/// <summary>
/// Runs the whole flow on one machine: scans the folder, starts an in-process silo, publishes one ingest
/// event per instance, waits until every event has settled, bootstraps what remains, reassigns every
/// vector to the final centroids and collects the rows, clusters and per-source labels.
/// </summary>
public static class AnnotationRunner
{
    /// <summary>Progress callback: (stage, done, total).</summary>
    public delegate void ProgressReporter(string stage, long done, long total);

    /// <summary>Annotates the folder; never throws for a bad file (it is quarantined), only for a broken setup.</summary>
    public static async Task<AnnotationResult> RunAsync(AnnotationSettings settings, ProgressReporter? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.GetFullPath(settings.Folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"archive folder '{settings.Folder}' does not exist");

        progress?.Invoke("scanning", 0, 0);
        var scanned = ArchiveScanner.Scan(folder, out var skipped);
        var accepted = scanned.Where(f => f.Accepted).ToList();

        await using var cluster = settings.GatewayPort is { } port
            ? await ClusterConnection.ConnectAsync(port, cancellationToken)
            : await ClusterConnection.StartEmbeddedAsync(SiloSettings.For(settings, folder), cancellationToken);

        var client = cluster.Client;
        var coordinator = client.GetGrain<ICoordinatorGrain>(settings.ModelName);
        await coordinator.Configure(new ModelSettings(settings.Clusters, settings.BootstrapSize, settings.Seed));

        var baseline = (await coordinator.GetStatus()).Settled;
        var provider = client.GetStreamProvider(StreamNames.Provider);
        var published = 0;
        foreach (var file in accepted)
        {
            var stream = provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, file.StudyInstanceUid!));
            await stream.OnNextAsync(new InstanceArrived(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!, file.RelativePath));
            published++;
        }

        var status = await coordinator.GetStatus();
        var lastProgress = -1L;
        var idleSince = Stopwatch.StartNew();
        while (status.Settled - baseline < published)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (status.Settled != lastProgress)
            {
                progress?.Invoke("featurising", status.Settled - baseline, published);
                lastProgress = status.Settled;
                idleSince.Restart();
            }
            else if (idleSince.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"no progress for 5 minutes: {status.Settled - baseline} of {published} instances settled");
            }
            await Task.Delay(200, cancellationToken);
            status = await coordinator.GetStatus();
        }
        progress?.Invoke("featurising", published, published);

        progress?.Invoke("clustering", 0, 1);
        await coordinator.Flush();
        await coordinator.Reassign();
        var sources = await coordinator.ReadSourceClusteringsAsync(await coordinator.ClusterEachSource(), cancellationToken);
        var clusters = await coordinator.GetClusters();
        status = await coordinator.GetStatus();
        progress?.Invoke("clustering", 1, 1);

        var rows = await CollectRows(client, scanned, cancellationToken);
        progress?.Invoke("collecting results", 0, 1);
        var reports = ReportLibrary.Load(settings.ReportsCsv, folder, folder);
        var accessions = StudyAccessions.Of(accepted);
        var results = await ResultsCollector.CollectAsync(client, settings.ModelName, rows, folder,
            new StudyReportReader(study => Task.FromResult(reports.Find(study, accessions.GetValueOrDefault(study))), new FolderArchiveSource(folder)), cancellationToken);
        progress?.Invoke("collecting results", 1, 1);
        return new AnnotationResult(rows, clusters, sources, status, skipped, clock.Elapsed,
            results with { Model = results.Model with { ElapsedSeconds = clock.Elapsed.TotalSeconds, ReportsCsv = settings.ReportsCsv is { } csv ? Path.GetFullPath(csv) : null } });
    }

    private static async Task<IReadOnlyList<AnnotationRow>> CollectRows(IClusterClient client, IReadOnlyList<ScannedFile> scanned, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var study in scanned.Where(f => f.Accepted).Select(f => f.StudyInstanceUid!).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in await client.GetGrain<IStudyGrain>(study).GetInstances())
                records[record.Source] = record;
        }

        var rows = new List<AnnotationRow>(scanned.Count);
        foreach (var file in scanned)
        {
            if (!file.Accepted)
            {
                rows.Add(new AnnotationRow(file.SopInstanceUid ?? "", file.SeriesInstanceUid ?? "", file.StudyInstanceUid ?? "", file.RelativePath,
                    null, null, "quarantined", file.QuarantineReason!));
            }
            else if (records.TryGetValue(file.RelativePath, out var r))
            {
                rows.Add(r.Status switch
                {
                    InstanceStatus.Annotated => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, file.RelativePath, r.Cluster, r.Distance, "annotated", ""),
                    InstanceStatus.Quarantined => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, file.RelativePath, null, null, "quarantined", r.Reason ?? ""),
                    _ => new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, file.RelativePath, null, null, "quarantined", "never assigned a cluster"),
                });
            }
            else
            {
                rows.Add(new AnnotationRow(file.SopInstanceUid!, file.SeriesInstanceUid!, file.StudyInstanceUid!, file.RelativePath, null, null, "quarantined",
                    "duplicate SOPInstanceUID (an earlier file with the same UID was annotated)"));
            }
        }
        return rows;
    }
}

using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Streams;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Distributed;

/// <summary>
/// <c>radnet ingest</c>: uploads each DICOM file as <c>study/series/sop.dcm</c> with its SHA-256 in blob metadata (a
/// blob already there with the same hash is not uploaded again), uploads the reports, then puts one event per
/// instance that no shard has settled on the ingest stream. Re-running it is cheap and changes nothing.
/// </summary>
public static class IngestRunner
{
    /// <summary>Runs the ingest; <paramref name="progress"/> gets (stage, done, total).</summary>
    public static async Task<IngestResult> RunAsync(string folder, string? reportsCsv, StorageOptions storage, string model, int shards, int parallelism,
        AnnotationRunner.ProgressReporter? progress, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"archive folder '{folder}' does not exist");
        progress?.Invoke("scanning", 0, 0);
        var scanned = ArchiveScanner.Scan(root, out _);
        var rejected = scanned.Where(f => !f.Accepted).Select(f => new KeyValuePair<string, string>(f.RelativePath, f.QuarantineReason!)).ToList();
        var accepted = new List<(ScannedFile File, InstanceArrived Event)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in scanned.Where(f => f.Accepted))
        {
            var name = BlobNaming.Instance(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!);
            if (!names.Add(name))
            {
                rejected.Add(new(file.RelativePath, "duplicate SOPInstanceUID (an earlier file with the same UID was ingested)"));
                continue;
            }
            accepted.Add((file, new InstanceArrived(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!, name)));
        }

        var container = storage.StudiesContainer();
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        int uploaded = 0, stored = 0, done = 0;
        await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(root, item.File.RelativePath), ct);
            if (await UploadIfChanged(container.GetBlobClient(item.Event.Source), bytes, ct)) Interlocked.Increment(ref uploaded);
            else Interlocked.Increment(ref stored);
            var count = Interlocked.Increment(ref done);
            progress?.Invoke("uploading", count, accepted.Count);
        });

        var reports = await UploadReports(container, root, reportsCsv, StudyAccessions.Of(accepted.Select(a => a.File)), parallelism, cancellationToken);
        var withReport = await StudiesWithReport(container, cancellationToken);
        for (var i = 0; i < accepted.Count; i++)
            accepted[i] = (accepted[i].File, accepted[i].Event with { HasReport = withReport.Contains(accepted[i].Event.StudyInstanceUid) });

        await using var cluster = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
        var unsettled = await Unsettled(cluster.Client, model, shards, accepted.Select(a => a.Event).ToList());
        var provider = cluster.Client.GetStreamProvider(StreamNames.Provider);
        var enqueued = 0;
        await Parallel.ForEachAsync(unsettled, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (instance, _) =>
        {
            await provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, instance.StudyInstanceUid)).OnNextAsync(instance);
            var count = Interlocked.Increment(ref enqueued);
            progress?.Invoke("enqueuing", count, unsettled.Count);
        });
        return new IngestResult(scanned.Count, rejected, uploaded, stored, reports, enqueued, accepted.Count - unsettled.Count);
    }

    /// <summary>The instances no shard has settled yet, asked shard by shard.</summary>
    public static async Task<List<InstanceArrived>> Unsettled(IClusterClient client, string model, int shards, IReadOnlyList<InstanceArrived> instances)
    {
        var result = new List<InstanceArrived>();
        foreach (var group in instances.GroupBy(i => ShardRouting.ShardOf(i.SopInstanceUid, shards)))
        {
            var open = (await client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, group.Key))
                .Unsettled(group.Select(i => i.SopInstanceUid).ToList())).ToHashSet(StringComparer.Ordinal);
            result.AddRange(group.Where(i => open.Contains(i.SopInstanceUid)));
        }
        return result;
    }

    /// <summary>The studies whose report is in the container (this ingest's and any earlier one's), from one listing of <c>reports/</c>.</summary>
    private static async Task<HashSet<string>> StudiesWithReport(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var studies = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobNaming.ReportPrefix, cancellationToken))
            if (BlobNaming.TryParseReport(blob.Name, out var study)) studies.Add(study);
        return studies;
    }

    private static async Task<bool> UploadIfChanged(BlobClient blob, byte[] bytes, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.Metadata.TryGetValue(BlobNaming.HashMetadataKey, out var existing) && existing == hash) return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // not there yet
        }
        await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [BlobNaming.HashMetadataKey] = hash } },
            cancellationToken);
        return true;
    }

    /// <summary>Uploads each study's report as <c>reports/STUDY.txt</c>: found by StudyInstanceUID, else by the study's accession number.</summary>
    private static async Task<int> UploadReports(BlobContainerClient container, string root, string? reportsCsv, IReadOnlyDictionary<string, string?> studies,
        int parallelism, CancellationToken cancellationToken)
    {
        var library = ReportLibrary.Load(reportsCsv, root, root);
        var count = 0;
        await Parallel.ForEachAsync(studies, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            if (library.Find(entry.Key, entry.Value) is not { } text) return;
            await UploadIfChanged(container.GetBlobClient(BlobNaming.Report(entry.Key)), Encoding.UTF8.GetBytes(text), ct);
            Interlocked.Increment(ref count);
        });
        return count;
    }
}

using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Distributed.Ingest;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// The reconciler on a real silo process and Azurite: an ingest that died between upload and enqueue leaves blobs and no
/// events; the reconciler, listing a few small pages per pass and resuming from its continuation token, must bring every
/// instance to a settled record exactly once, and a second ingest of the same folder must then upload and enqueue nothing.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class ReconcilerTests(ITestOutputHelper output)
{
    private const int Shards = 8;

    [DistributedFact]
    public async Task An_ingest_killed_between_upload_and_enqueue_is_settled_once_by_the_reconciler_and_a_second_ingest_sends_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("radnet-reconcile-").FullName;
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        var demo = DemoArchive.Synthesize(folder, new DemoOptions(Images: 40));
        File.Delete(demo.ReportsCsv);
        var uploaded = await UploadWithoutEnqueueing(storage, demo.Folder);
        Assert.Equal(demo.Images, uploaded);

        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "4",
            ["Annotation:BootstrapSize"] = "10",
            ["Storage:ReconcileSeconds"] = "2",
            ["Storage:ReconcileGraceSeconds"] = "6",
            ["Storage:ReconcilePageSize"] = "8", // 40 instances in 5 pages, 2 a pass: the listing resumes across passes
            ["Storage:ReconcilePagesPerPass"] = "2",
        });
        try
        {
            await using var client = await ClusterConnection.ConnectWithRetry(storage);
            var settled = await WaitForSettled(client.Client, demo.Images, TimeSpan.FromMinutes(5));
            output.WriteLine($"settled through the reconciler: {settled}");
            await Task.Delay(TimeSpan.FromSeconds(30)); // several more passes and listings: nothing may be enqueued twice
            var after = await Counts(client.Client);
            output.WriteLine($"30 s later: {after}");
            Assert.Equal(demo.Images, after.Vectors + after.Quarantined);
            Assert.Equal(0, after.Duplicates);

            var again = await IngestRunner.RunAsync(demo.Folder, null, storage, "default", Shards, 4, null, CancellationToken.None);
            output.WriteLine($"second ingest: {again}");
            Assert.Equal((0, demo.Images, 0, demo.Images, 0), (again.Uploaded, again.AlreadyStored, again.Enqueued, again.AlreadySettled, again.Rejected));
            Assert.Equal(after, await Counts(client.Client));
            Assert.False(silo.HasExited, $"the silo died: see {silo.LogPath}");
        }
        finally
        {
            output.WriteLine($"silo log: {silo.LogPath}");
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The upload half of <c>radnet ingest</c>, as a run killed before it enqueued anything leaves the container.</summary>
    private static async Task<int> UploadWithoutEnqueueing(StorageOptions storage, string folder)
    {
        var container = storage.StudiesContainer();
        await container.CreateIfNotExistsAsync();
        var offer = new BlobOffer(container, "killed-run");
        var uploaded = 0;
        foreach (var file in ArchiveScanner.Scan(folder, out _).Where(f => f.Accepted))
        {
            var name = BlobNaming.Instance(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!);
            if (await offer.OfferAsync(name, await File.ReadAllBytesAsync(Path.Combine(folder, file.RelativePath)), CancellationToken.None) == BlobOfferOutcome.Uploaded)
                uploaded++;
        }
        return uploaded;
    }

    private static async Task<ShardCounts> Counts(IClusterClient client)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("default", s)).GetCounts()));
        return new ShardCounts(counts.Sum(c => c.Vectors), counts.Sum(c => c.Quarantined), counts.Sum(c => c.Duplicates));
    }

    private static async Task<ShardCounts> WaitForSettled(IClusterClient client, int instances, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = await Counts(client);
            if (counts.Vectors + counts.Quarantined >= instances) return counts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {timeout} for {instances} settled instances; the shards hold {counts}");
            await Task.Delay(1000);
        }
    }
}

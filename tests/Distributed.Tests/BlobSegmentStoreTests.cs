using Azure.Storage.Blobs;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Distributed.Tests;

/// <summary>A shard's rows sealed into blob segments on a real Azurite, streamed back and reopened.</summary>
public sealed class BlobSegmentStoreTests
{
    private static FeaturisedInstance Row(int i) =>
        new($"2.25.{i}", "2.25.1", Enumerable.Range(0, 32).Select(j => i + j / 64f).ToArray(), "CT", i % 2 == 0 ? "CHEST" : "", "Ünïcødé", i % 3 == 0);

    [DistributedFact]
    public async Task Rows_sealed_into_blobs_scan_back_streamed_and_reopen_and_a_missing_segment_is_named()
    {
        await using var azurite = await Azurite.StartAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("state");
        var store = new BlobShardSegmentStore(container, "service");
        var added = Enumerable.Range(0, 11).Select(Row).ToList();
        var rows = await ShardRowStore.OpenAsync(store, "model/2", 0, [], segmentSize: 4);
        foreach (var instance in added) rows.Append(instance);
        while (await rows.SealAsync()) { }
        Assert.Equal(2, rows.Segments);

        var reopened = await ShardRowStore.OpenAsync(store, "model/2", rows.Segments, rows.Tail, segmentSize: 4, cachedSegments: 0);
        var scanned = new List<FeaturisedInstance>();
        await foreach (var block in reopened.ScanAsync())
            for (var i = 0; i < block.Rows; i++) scanned.Add(block.Instance(i));
        Assert.Equal(added.Select(i => i with { Fused = [] }), scanned.Select(i => i with { Fused = [] }));
        Assert.Equal(added.SelectMany(i => i.Fused), scanned.SelectMany(i => i.Fused));
        Assert.Equal(added[5].Fused, (await reopened.GetAsync("2.25.5"))!.Fused);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenReadAsync("model/2", 2));
        Assert.Contains("segment 2 of shard 'model/2'", missing.Message);
    }

    [DistributedFact]
    public async Task Rows_persisted_into_append_blob_journals_reopen_without_their_tail_and_sealed_journals_go()
    {
        await using var azurite = await Azurite.StartAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("state");
        var store = new BlobShardSegmentStore(container, "service");
        Assert.Empty(await store.ReadJournalAsync("model/3", 0));
        var added = Enumerable.Range(0, 11).Select(Row).ToList();
        var rows = await ShardRowStore.OpenAsync(store, "model/3", 0, [], segmentSize: 4);
        foreach (var instance in added)
        {
            rows.Append(instance);
            await rows.PersistAsync();
        }
        Assert.Equal((2, 3), (rows.Segments, rows.Tail.Count));

        var reopened = await ShardRowStore.OpenAsync(store, "model/3", rows.Segments, [], segmentSize: 4);
        var scanned = new List<FeaturisedInstance>();
        await foreach (var block in reopened.ScanAsync())
            for (var i = 0; i < block.Rows; i++) scanned.Add(block.Instance(i));
        Assert.Equal(added.Select(i => i with { Fused = [] }), scanned.Select(i => i with { Fused = [] }));
        Assert.Equal(added.SelectMany(i => i.Fused), scanned.SelectMany(i => i.Fused));

        await reopened.DeleteJournalsAsync(0, 2);
        var journals = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "segments/service/model/3/", CancellationToken.None)) if (blob.Name.EndsWith(".journal")) journals.Add(blob.Name);
        Assert.Equal(["segments/service/model/3/000002.journal"], journals);
    }
}

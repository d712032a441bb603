using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// Shards are read in pages that fit the messaging limit, on a three-silo cluster whose limit one shard's data exceeds:
/// every instance comes back exactly once (also while the shard grows), and the coordinator's bootstrap and the evaluation
/// labels cover them all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PagedReadTests(SmallMessageClusterFixture fixture) : IClassFixture<SmallMessageClusterFixture>
{
    private const int Dimension = 128;
    private const int PerShard = 160;

    private Serializer Serializer => fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();

    private IEmbeddingShardGrain Shard(string model, int shard) => fixture.Cluster.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, shard));

    private static FeaturisedInstance Instance(int shard, int i, float value = 0)
    {
        var random = new Random(shard * 10_000 + i);
        var fused = new float[Dimension];
        for (var j = 0; j < Dimension; j++) fused[j] = (float)random.NextDouble() + value + (i % 2) * 3;
        return new FeaturisedInstance($"2.25.{shard}.{i}", $"2.25.{shard}", fused, i % 2 == 0 ? "CT" : "MR", "CHEST");
    }

    private async Task<Dictionary<int, FeaturisedInstance[]>> Fill(string model)
    {
        var added = new Dictionary<int, FeaturisedInstance[]>();
        for (var s = 0; s < SmallMessageClusterFixture.Shards; s++)
        {
            added[s] = Enumerable.Range(0, PerShard).Select(i => Instance(s, i)).ToArray();
            foreach (var chunk in added[s].Chunk(5)) await Shard(model, s).Add(chunk);
        }
        return added;
    }

    [Fact]
    public async Task A_shard_larger_than_the_message_limit_is_read_in_bounded_pages_each_instance_once_and_the_coordinator_bootstraps_on_it()
    {
        var added = await Fill("paging");
        foreach (var (s, instances) in added)
        {
            // The single reply of the old GetAll would not fit: the test is not vacuous.
            Assert.True(Serializer.SerializeToArray(instances).Length > SmallMessageClusterFixture.MaxMessageBodySize);

            var pages = new List<ShardPage>();
            for (ShardCursor? cursor = ShardCursor.Start; cursor is not null; cursor = pages[^1].Next)
                pages.Add(await Shard("paging", s).ReadPage(cursor));
            Assert.True(pages.Count > 1);
            Assert.All(pages, p => Assert.True(Serializer.SerializeToArray(p).Length <= SmallMessageClusterFixture.MaxMessageBodySize / 2));
            var read = pages.SelectMany(p => p.Instances).ToList();
            Assert.Equal(instances.Select(i => i.SopInstanceUid), read.Select(i => i.SopInstanceUid));
            Assert.Equal(instances.Select(i => i.Fused[7]), read.Select(i => i.Fused[7]));
        }

        var coordinator = fixture.Cluster.Client.GetGrain<ICoordinatorGrain>("paging");
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 100_000, Seed: 5));
        await coordinator.Flush();
        Assert.Equal("streaming", (await coordinator.GetStatus()).Phase);
        var clusterings = await coordinator.ReadSourceClusteringsAsync(await coordinator.ClusterEachSource());
        var expected = added.Values.SelectMany(x => x).Select(i => i.SopInstanceUid).Order(StringComparer.Ordinal);
        Assert.Equal(expected, clusterings.SopInstanceUids);
        Assert.Equal(added.Values.Sum(x => x.Length), (await coordinator.GetClusters()).Sum(c => c.Members));
        // The two halves of every shard (odd and even instances sit 3 apart in every value) are the two clusters.
        var fused = clusterings.LabelsBySource["fused"];
        var ofOdd = clusterings.SopInstanceUids.Select((sop, i) => (Odd: int.Parse(sop.Split('.')[^1]) % 2 == 1, Label: fused[i]))
            .GroupBy(x => x.Odd).ToDictionary(g => g.Key, g => g.Select(x => x.Label).Distinct().Single());
        Assert.NotEqual(ofOdd[true], ofOdd[false]);
    }

    [Fact]
    public async Task A_read_while_the_shard_grows_returns_every_instance_once()
    {
        var shard = Shard("growing", 0);
        var first = Enumerable.Range(0, PerShard).Select(i => Instance(0, i)).ToArray();
        foreach (var chunk in first.Chunk(5)) await shard.Add(chunk);

        var page = await shard.ReadPage(ShardCursor.Start);
        var read = page.Instances.ToList();
        // Meanwhile: new instances arrive, and ones already read and not yet read are replaced (a repeat delivery).
        var later = Enumerable.Range(PerShard, 30).Select(i => Instance(0, i)).ToArray();
        foreach (var chunk in later.Chunk(5)) await shard.Add(chunk);
        await shard.Add([Instance(0, 0, value: 100), Instance(0, PerShard - 1, value: 100)]);
        for (var cursor = page.Next; cursor is not null; cursor = page.Next)
        {
            page = await shard.ReadPage(cursor);
            read.AddRange(page.Instances);
        }

        Assert.Equal(first.Concat(later).Select(i => i.SopInstanceUid), read.Select(i => i.SopInstanceUid));
        Assert.True(read[PerShard - 1].Fused[0] >= 100); // replaced before it was read: the new vector, in its old place
    }

    [Fact]
    public async Task Quarantine_lists_larger_than_the_message_limit_are_read_in_pages_each_entry_once()
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 160; i++)
        {
            var sop = $"2.25.7.{i}";
            reasons[sop] = $"unreadable pixel data, case {i}: " + new string('x', 500);
            await Shard("quarantine", i % SmallMessageClusterFixture.Shards).AddQuarantined(sop, reasons[sop]);
        }
        Assert.True(Serializer.SerializeToArray(reasons.ToArray()).Length > SmallMessageClusterFixture.MaxMessageBodySize);

        var coordinator = fixture.Cluster.Client.GetGrain<ICoordinatorGrain>("quarantine");
        var pages = new List<QuarantinePage>();
        for (QuarantineCursor? cursor = QuarantineCursor.Start; cursor is not null; cursor = pages[^1].Next)
            pages.Add(await coordinator.GetQuarantined(cursor));
        Assert.True(pages.Count > SmallMessageClusterFixture.Shards);
        Assert.All(pages, p => Assert.True(Serializer.SerializeToArray(p).Length <= SmallMessageClusterFixture.MaxMessageBodySize / 2));
        var read = pages.SelectMany(p => p.Entries).ToList();
        Assert.Equal(reasons.Keys.Order(StringComparer.Ordinal), read.Select(e => e.SopInstanceUid).Order(StringComparer.Ordinal));
        Assert.All(read, e => Assert.Equal(reasons[e.SopInstanceUid], e.Reason));
        Assert.Equal(read.Select(e => e.SopInstanceUid), (await coordinator.ReadQuarantinedAsync().ToListAsync()).Select(e => e.SopInstanceUid));
    }
}

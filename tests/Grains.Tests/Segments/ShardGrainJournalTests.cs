using Orleans.TestingHost;

namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>An embedding shard grain that re-activates reads its rows back from its sealed segments and its journal.</summary>
public sealed class ShardGrainJournalTests
{
    private const int Dimension = 16;

    [Fact]
    public async Task A_reactivated_shard_has_every_row_it_acknowledged_sealed_or_journaled()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<DefaultSegmentSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var shard = cluster.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("journal", 0));
            // 300 rows in commits of 7: two sealed segments of 128, and 44 rows only in the journal of the third.
            for (var first = 0; first < 300; first += 7)
                await shard.Add(Enumerable.Range(first, Math.Min(7, 300 - first)).Select(i => SegmentRows.Row(i, Dimension)).ToList());
            await shard.AddQuarantined("2.25.quarantined", "unreadable");

            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

            Assert.Equal(new ShardCounts(300, 1, 0), await shard.GetCounts());
            var read = new List<FeaturisedInstance>();
            for (ShardCursor? cursor = ShardCursor.Start; cursor is not null;)
            {
                var page = await shard.ReadPage(cursor);
                read.AddRange(page.Instances);
                cursor = page.Next;
            }
            Assert.Equal(Enumerable.Range(0, 300).Select(i => $"2.25.{i}"), read.Select(r => r.SopInstanceUid));
            SegmentRows.AssertSame(SegmentRows.Row(299, Dimension), read[299]);
            var nearest = await shard.Nearest(SegmentRows.Row(290, Dimension).Fused, 1, CentreMetric.Euclidean);
            Assert.Equal("2.25.290", Assert.Single(nearest).SopInstanceUid);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

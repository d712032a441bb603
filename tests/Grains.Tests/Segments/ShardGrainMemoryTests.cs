using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>
/// An embedding shard keeps its sealed rows on the segment store, not in the silo's memory: 18,000 rows of the model's
/// 1,044 values (about 75 MB of vectors) added after a warm-up grow the process's managed heap by a small fraction of that,
/// and the passes and pages still see every row.
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class ShardGrainMemoryTests
{
    private const int Rows = 20_000;
    private const int WarmUpRows = 2_000;
    private const int Dimension = 1_044;
    private const long VectorBytes = (long)(Rows - WarmUpRows) * Dimension * sizeof(float);

    private static FeaturisedInstance Row(int i)
    {
        var random = new Random(i);
        var fused = new float[Dimension];
        for (var j = 0; j < Dimension; j++) fused[j] = (float)random.NextDouble();
        return new FeaturisedInstance($"2.25.{i}", $"2.25.{i / 7}", fused, i % 3 == 0 ? "CT" : "MR", "CHEST");
    }

    [Fact]
    public async Task A_shards_75_MB_of_vectors_grow_the_heap_by_a_fraction_and_its_passes_and_pages_see_every_row()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<DefaultSegmentSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var shard = cluster.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("heap", 0));
            var sums = new double[Dimension];
            var baseline = 0L;
            for (var first = 0; first < Rows; first += 400)
            {
                // The first rows warm the messaging and serialisation buffer pools, which hold on to what they take.
                if (first == WarmUpRows) baseline = GC.GetTotalMemory(forceFullCollection: true);
                var batch = Enumerable.Range(first, Math.Min(400, Rows - first)).Select(Row).ToList();
                foreach (var row in batch) Accumulate(sums, row);
                await shard.Add(batch);
            }
            var grown = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            Assert.True(grown < VectorBytes / 4, $"the managed heap grew by {grown:N0} bytes for {VectorBytes:N0} bytes of vectors");

            Assert.Equal(Rows, (await shard.GetCounts()).Vectors);
            var totals = await shard.Measure(new PassRequest(new float[Dimension], 1, CentreMetric.Euclidean));
            Assert.Equal(Rows, totals.Counts[0]);
            for (var j = 0; j < Dimension; j += 97) Assert.Equal(sums[j], totals.Sums[j], 1e-3);

            foreach (var i in new[] { 3, Rows / 2, Rows - 1 })
            {
                var nearest = await shard.Nearest(Row(i).Fused, 1, CentreMetric.Euclidean);
                Assert.Equal($"2.25.{i}", Assert.Single(nearest).SopInstanceUid);
                Assert.Equal(0, nearest[0].Distance);
            }

            var read = new List<string>();
            var pages = 0;
            for (ShardCursor? cursor = ShardCursor.Start; cursor is not null; pages++)
            {
                var page = await shard.ReadPage(cursor);
                read.AddRange(page.Instances.Select(i => i.SopInstanceUid));
                cursor = page.Next;
            }
            Assert.True(pages > 1);
            Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"2.25.{i}"), read);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static void Accumulate(double[] sums, FeaturisedInstance row)
    {
        for (var j = 0; j < Dimension; j++) sums[j] += row.Fused[j];
    }
}

/// <summary>The production runtime with its default segment size, refusing message bodies over the tests' limit.</summary>
public sealed class DefaultSegmentSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddRadiologyNetRuntime(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = Path.GetTempPath(),
        }).Build());
        siloBuilder.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = TestSiloConfigurator.MaxMessageBodySize);
    }
}

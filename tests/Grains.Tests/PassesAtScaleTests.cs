using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using RadiologyNet.Grains.Featurisation;
using Xunit.Abstractions;

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// Every model-wide pass goes to the data: on three silos that refuse message bodies over 64 KiB, 3,999 vectors of
/// the real fused length (about 17 MB, each shard's share some 60 times the limit) are bootstrapped, reassigned, refined and
/// evaluated per source, and the evaluation labels are read back, without any call carrying the shards' data.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PassesAtScaleTests(SmallMessageClusterFixture fixture, ITestOutputHelper output) : IClassFixture<SmallMessageClusterFixture>
{
    private const string Model = "scale";
    private const int N = 3999;
    private const int Components = 3;
    private static readonly string[] Modalities = ["CT", "MR", "US"];

    private IClusterClient Client => fixture.Cluster.Client;

    private IEmbeddingShardGrain Shard(int s) => Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(Model, s));

    private Serializer Serializer => Client.ServiceProvider.GetRequiredService<Serializer>();

    /// <summary>Instance i of a seeded mixture of well-separated components (component i mod 3) in every source's slice.</summary>
    private static FeaturisedInstance Instance(int i, int d)
    {
        var random = new Random(i);
        var component = i % Components;
        var fused = new float[d];
        for (var f = 0; f < d; f++) fused[f] = (float)(random.NextDouble() * 0.5 + (f % Components == component ? 1 : 0));
        return new FeaturisedInstance($"2.25.83.{i}", $"2.25.83.{i / 5}", fused, Modalities[component], "CHEST");
    }

    private static int ComponentOf(string sop) => int.Parse(sop.Split('.')[^1]) % Components;

    [Fact]
    public async Task Bootstrap_reassignment_refinement_and_per_source_evaluation_run_on_the_shards_under_a_64_KiB_message_limit()
    {
        var featurizer = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredService<InstanceFeaturizer>();
        var d = featurizer.Layout.Dimension;
        var instances = Enumerable.Range(0, N).Select(i => Instance(i, d)).ToList();
        // One add at a time per shard, so every write seals what it added and the persisted state stays small.
        await Task.WhenAll(instances.GroupBy(i => ShardRouting.ShardOf(i.SopInstanceUid, SmallMessageClusterFixture.Shards)).Select(async g =>
        {
            foreach (var chunk in g.Chunk(8)) await Shard(g.Key).Add(chunk);
        }));
        var perShard = (await Task.WhenAll(Enumerable.Range(0, SmallMessageClusterFixture.Shards).Select(s => Shard(s).GetCounts()))).Select(c => c.Vectors).ToList();
        Assert.Equal(N, perShard.Sum());
        // A shard's vectors alone are many times the limit: nothing may carry them.
        Assert.True(4L * d * perShard.Min() > 8L * SmallMessageClusterFixture.MaxMessageBodySize);

        var coordinator = Client.GetGrain<ICoordinatorGrain>(Model);
        await coordinator.Configure(new ModelSettings(Clusters: Components, BootstrapSize: 300, Seed: 7));
        await coordinator.Flush();
        var clusters = await coordinator.GetClusters();
        Assert.Equal(N, clusters.Sum(c => c.Members));
        Assert.All(clusters, c => Assert.Equal(N / Components, Assert.Single(c.Modalities).Value));

        Assert.Equal(N, await coordinator.Reassign());
        var refinement = await coordinator.Refine();
        Assert.Equal(N, refinement.Reassigned);
        Assert.Equal(0, refinement.Changed); // the medoids take over their means' cluster ids (Hungarian), and every row stays
        Assert.All(await coordinator.GetClusters(), c => Assert.Single(c.Modalities));

        // The labelling pass kept each cluster's members nearest its centre: the shards' exemplars, merged, are the brute-force nearest.
        var refined = await coordinator.GetModel();
        var exemplars = new List<Exemplar>();
        for (var s = 0; s < SmallMessageClusterFixture.Shards; s++)
            for (int? from = 0; from is { } cluster;)
            {
                var exemplarPage = await Shard(s).Exemplars(cluster);
                exemplars.AddRange(exemplarPage.Exemplars);
                from = exemplarPage.NextCluster;
            }
        var placed = instances.Select(i => (i.SopInstanceUid, Cluster: Clustering.ManhattanNearest.Nearest(i.Fused, refined.Centres, refined.Clusters, out var distance), distance)).ToList();
        for (var j = 0; j < refined.Clusters; j++)
        {
            var expected = placed.Where(p => p.Cluster == j).OrderBy(p => p.distance).ThenBy(p => p.SopInstanceUid, StringComparer.Ordinal).Take(50).Select(p => p.SopInstanceUid);
            var kept = exemplars.Where(e => e.Cluster == j).OrderBy(e => e.Distance).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal).Take(50).Select(e => e.SopInstanceUid);
            Assert.Equal(expected, kept);
            Assert.All(exemplars.Where(e => e.Cluster == j), e => Assert.Equal(refinement.Version, e.ModelVersion));
        }

        var measure = await coordinator.MeasureModel();
        Assert.Equal((N, refinement.Version), (measure.Members, measure.Version));
        Assert.Equal(refinement.TotalDeviation, measure.Cost, 1e-6 * measure.Cost);
        Assert.InRange(measure.KMeansCost, 1e-9, measure.Inertia * (1 + 1e-9)); // the members' means are the best centres

        var sources = await coordinator.ClusterEachSource();
        Assert.Equal(["fused", "image", "metadata", "report"], sources.Order(StringComparer.Ordinal));
        var labels = await coordinator.ReadSourceClusteringsAsync(sources);
        Assert.Equal(instances.Select(i => i.SopInstanceUid).Order(StringComparer.Ordinal), labels.SopInstanceUids);
        foreach (var (source, assigned) in labels.LabelsBySource)
        {
            // Each component is one cluster of its own in every source.
            var byComponent = labels.SopInstanceUids.Select((sop, i) => (Component: ComponentOf(sop), Label: assigned[i]))
                .GroupBy(x => x.Component).ToDictionary(g => g.Key, g => g.Select(x => x.Label).Distinct().ToList());
            Assert.All(byComponent.Values, l => Assert.Single(l));
            Assert.Equal(Components, byComponent.Values.Select(l => l[0]).Distinct().Count());
            output.WriteLine($"{source}: {Components} components in {Components} clusters");
        }

        // What the passes send back, measured: bounded by the model (k·d), not by the rows.
        var model = await coordinator.GetModel();
        var totals = await Shard(0).Measure(new PassRequest(model.Centres, model.Clusters, model.Metric));
        var page = await Shard(0).ReadLabels(LabelCursor.Start);
        var sample = await Shard(0).SamplePage(400, 1, ShardCursor.Start);
        // The old reassignment reply (an assignment, study and tags per row, with the sums) would not fit: the test is not vacuous.
        var rows = instances.Where(i => ShardRouting.ShardOf(i.SopInstanceUid, SmallMessageClusterFixture.Shards) == 0).ToList();
        var perRow = Serializer.SerializeToArray((rows.Select(i => new Assignment(i.SopInstanceUid, 0, 1f, 1)).ToArray(),
            rows.Select(i => i.StudyInstanceUid).ToArray(), rows.Select(i => i.Modality).ToArray(), rows.Select(i => i.Region).ToArray(), totals.Sums)).Length;
        Assert.True(perRow > SmallMessageClusterFixture.MaxMessageBodySize, $"a per-row reply of {perRow} B");
        output.WriteLine($"d = {d}, {perShard.Min()}–{perShard.Max()} rows a shard ({4L * d * perShard.Max() / 1024} KiB of vectors); old per-row reply {perRow} B; replies: totals " +
            $"{Serializer.SerializeToArray(totals).Length} B, label page {Serializer.SerializeToArray(page).Length} B ({page.Rows.Length} rows), " +
            $"sample page {Serializer.SerializeToArray(sample).Length} B ({sample.Instances.Length} rows)");
    }
}

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// Pass membership without a list of instances: a shard tells each instance it stores the version of the last labelling
/// pass that had started scanning it (its generation), and the coordinator absorbs an instance only if no later pass
/// counted it. The generation is persisted with the shard, so it holds across re-activations.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PassGenerationTests(SmallMessageClusterFixture fixture) : IClassFixture<SmallMessageClusterFixture>
{
    private const string Model = "generations";

    private IEmbeddingShardGrain ShardOf(string sop) => fixture.Cluster.Client.GetGrain<IEmbeddingShardGrain>(
        ShardRouting.ShardKey(Model, ShardRouting.ShardOf(sop, SmallMessageClusterFixture.Shards)));

    private static FeaturisedInstance Instance(int i) =>
        new($"2.25.61.{i}", $"2.25.61.{i % 7}", Enumerable.Range(0, 8).Select(f => (float)(i % 2 * 5 + f * 0.01 + i * 0.001)).ToArray(), i % 2 == 0 ? "CT" : "MR", "CHEST");

    private async Task<BatchOutcome> Offer(ICoordinatorGrain coordinator, FeaturisedInstance instance, int generation)
    {
        var model = await coordinator.GetModel();
        var cluster = Grains.Online.NearestCentre.Find(instance.Fused, model.Centres, model.Clusters, model.Metric, out var distance);
        return await coordinator.Absorb(new AssignedBatch([instance], [cluster], [distance], [model.Version], [generation]));
    }

    private static async Task<long> Members(ICoordinatorGrain coordinator) => (await coordinator.GetClusters()).Sum(c => c.Members);

    [Fact]
    public async Task An_instance_a_later_pass_counted_is_not_absorbed_again_and_the_generation_survives_reactivation()
    {
        for (var i = 0; i < 20; i++) Assert.Equal(0, await ShardOf(Instance(i).SopInstanceUid).Add([Instance(i)]));
        var coordinator = fixture.Cluster.Client.GetGrain<ICoordinatorGrain>(Model);
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 1000, Seed: 4));
        await coordinator.Flush();
        Assert.Equal(20, await Members(coordinator));

        // Stored after the bootstrap's pass (version 1) scanned its shard, then counted by the reassignment (version 2)
        // before its placement reached the coordinator: absorbing it would count it twice.
        var late = Instance(20);
        var generation = await ShardOf(late.SopInstanceUid).Add([late]);
        Assert.Equal(1, generation);
        Assert.Equal(21, await coordinator.Reassign());
        Assert.Equal(1, await ShardOf(late.SopInstanceUid).GenerationOf(late.SopInstanceUid));
        Assert.Empty((await Offer(coordinator, late, generation)).Assignments);
        Assert.Equal(21, await Members(coordinator));

        // Stored after the reassignment's pass: no pass counted it, the coordinator does.
        var later = Instance(21);
        Assert.Equal(2, await ShardOf(later.SopInstanceUid).Add([later]));
        Assert.Single((await Offer(coordinator, later, 2)).Assignments);
        Assert.Equal(22, await Members(coordinator));

        // Every grain re-activates: the shards still know the last pass's version, so what they store next is absorbed once.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = Instance(22);
        Assert.Equal(2, await ShardOf(after.SopInstanceUid).Add([after]));
        Assert.Single((await Offer(coordinator, after, 2)).Assignments);
        Assert.Empty((await Offer(coordinator, late, generation)).Assignments);
        Assert.Equal(23, await Members(coordinator));
    }
}

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// A study's instance is featurised and in its shard when the assigner is called; if that call fails, the stream delivers
/// the event again, and that delivery must finish the assignment rather than count a duplicate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AssignmentFaultTests(FaultClusterFixture fixture) : IClassFixture<FaultClusterFixture>
{
    [Fact]
    public async Task A_redelivered_event_assigns_an_instance_whose_assigner_failed_and_counts_it_once()
    {
        var coordinator = fixture.Coordinator;
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 10, Seed: 3));
        var first = fixture.Events.Take(12).ToList();
        foreach (var e in first) await fixture.Publish(e);
        Assert.True(await FaultClusterFixture.Eventually(async () =>
            (await coordinator.GetStatus()) is { Phase: "streaming" } s && s.Annotated == first.Count &&
            (await fixture.Records()).Count(r => r.Status == InstanceStatus.Annotated) == first.Count, TimeSpan.FromMinutes(2)),
            "the first instances were annotated");

        FaultInjection.FailAssign(1);
        var late = fixture.Events[12];
        await fixture.Publish(late);

        var study = fixture.Cluster.Client.GetGrain<IStudyGrain>(late.StudyInstanceUid);
        var assigned = await FaultClusterFixture.Eventually(async () =>
            (await study.GetInstances()).SingleOrDefault()?.Status == InstanceStatus.Annotated, TimeSpan.FromSeconds(90));
        Assert.Equal(0, FaultInjection.Remaining.Assign);
        Assert.True(assigned, $"the instance whose assignment failed is {(await study.GetInstances()).SingleOrDefault()?.Status}");

        var status = await coordinator.GetStatus();
        Assert.Equal(first.Count + 1, status.Annotated);
        Assert.Equal(0, status.Pending);
        Assert.Equal(0, status.Duplicates);
        Assert.Equal(first.Count + 1, (await coordinator.GetClusters()).Sum(c => c.Members));
    }

    [Fact]
    public async Task A_vector_of_another_length_never_enters_a_shard()
    {
        var shard = fixture.Cluster.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("lengths", 0));
        await shard.Add([new FeaturisedInstance("2.25.5001", "2.25.5000", new float[8], "CT", "HEAD")]);
        var before = await shard.GetCounts();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => shard.Add([new FeaturisedInstance("2.25.5002", "2.25.5000", new float[9], "CT", "HEAD")]));

        Assert.Contains("9 values", error.Message);
        Assert.Equal(before, await shard.GetCounts());
        Assert.Null(await shard.Get("2.25.5002"));
    }

    [Fact]
    public async Task Events_with_malformed_uids_are_quarantined_with_the_reason_and_never_kept()
    {
        var coordinator = fixture.Coordinator;
        var before = (await coordinator.GetStatus()).Quarantined;
        await fixture.Publish(new InstanceArrived("1.2.77", "1.2.77.1", "=1+0", "disc/0.dcm"));
        await fixture.Publish(new InstanceArrived("../1.2", "1.2.3", "1.2.3.4", "disc/1.dcm"));
        await fixture.Publish(new InstanceArrived("1.2.78", "1.2.78.1", "1.2.78.1." + new string('1', 60), "disc/2.dcm"));

        Assert.True(await FaultClusterFixture.Eventually(async () => (await coordinator.GetStatus()).Quarantined == before + 3, TimeSpan.FromMinutes(1)));
        var quarantined = await coordinator.ReadQuarantinedAsync().ToListAsync();
        Assert.Contains(quarantined, q => q.Reason == "invalid SOPInstanceUID: has a character other than a digit or '.'");
        Assert.Contains(quarantined, q => q.Reason == "invalid StudyInstanceUID: has an empty component");
        Assert.Contains(quarantined, q => q.Reason == "invalid SOPInstanceUID: longer than 64 characters");
        Assert.DoesNotContain(quarantined, q => q.SopInstanceUid.Contains('=') || q.SopInstanceUid.Contains('/') || q.SopInstanceUid.Length > 64);
        Assert.Empty(await fixture.Cluster.Client.GetGrain<IStudyGrain>("1.2.77").GetInstances());
        Assert.Empty(await fixture.Cluster.Client.GetGrain<IStudyGrain>("../1.2").GetInstances());
    }
}

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// The study records (what <c>radnet export</c> reads) learn a pass's clusters from the coordinator. A delivery that
/// fails must be retried: once the cluster is idle, the coordinator's status (what <c>radnet status</c> reads) and the
/// records agree on every count.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryFaultTests(FaultClusterFixture fixture) : IClassFixture<FaultClusterFixture>
{
    [Fact]
    public async Task Status_and_the_study_records_agree_once_idle_although_deliveries_failed()
    {
        var coordinator = fixture.Coordinator;
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 10, Seed: 3));
        // The bootstrap tells the studies of the instances it placed; the first four of those deliveries fail.
        FaultInjection.FailApplyAssignments(4);
        foreach (var e in fixture.Events) await fixture.Publish(e);

        var n = fixture.Events.Count;
        Assert.True(await FaultClusterFixture.Eventually(async () =>
            (await coordinator.GetStatus()) is { Phase: "streaming" } s && s.Annotated + s.Pending == n, TimeSpan.FromMinutes(2)), "every instance featurised");

        (ModelStatus Status, List<InstanceRecord> Records) last = (await coordinator.GetStatus(), []);
        var agree = await FaultClusterFixture.Eventually(async () =>
        {
            last = (await coordinator.GetStatus(), await fixture.Records());
            return last.Status.Pending == 0 && Agree(last.Status, last.Records); // idle: status has nothing left to deliver
        }, TimeSpan.FromSeconds(60));
        var counts = string.Join(", ", last.Records.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"));
        Assert.Equal(0, FaultInjection.Remaining.Apply); // the faults did fire
        Assert.True(agree, $"status says {last.Status.Annotated} annotated and {last.Status.Pending} pending; the records say {counts}");
        Assert.Equal(n, last.Status.Annotated);
        Assert.All(last.Records, r => Assert.Equal(InstanceStatus.Annotated, r.Status));
    }

    private static bool Agree(ModelStatus status, List<InstanceRecord> records) =>
        status.Annotated == records.Count(r => r.Status == InstanceStatus.Annotated) &&
        status.Pending == records.Count(r => r.Status == InstanceStatus.Pending) &&
        status.Quarantined == records.Count(r => r.Status == InstanceStatus.Quarantined);
}

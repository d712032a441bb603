namespace RadiologyNet.Grains.Tests;

/// <summary>
/// A pass whose delivery gives up (a study stayed unreachable past <see cref="AnnotationOptions.AssignmentDeliverySeconds"/>)
/// is delivered by a later pass of the same coordinator activation: the records reach their clusters without anything
/// re-activating the coordinator.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UndeliveredPassTests(FaultClusterFixture fixture) : IClassFixture<FaultClusterFixture>
{
    [Fact]
    public async Task A_pass_left_undelivered_is_delivered_by_a_later_pass()
    {
        var coordinator = fixture.Coordinator;
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 10, Seed: 5));
        // Every delivery fails for 5 s from the first: the bootstrap's pass gives up after 2 s of retries, and so may the next.
        FaultInjection.FailApplyAssignmentsFor(TimeSpan.FromSeconds(5));
        foreach (var e in fixture.Events) await fixture.Publish(e);

        var n = fixture.Events.Count;
        List<InstanceRecord> records = [];
        var delivered = await FaultClusterFixture.Eventually(async () =>
        {
            records = await fixture.Records();
            return records.Count == n && records.All(r => r.Status == InstanceStatus.Annotated);
        }, TimeSpan.FromSeconds(60));

        Assert.True(FaultInjection.WindowFaults > 0, "the deliveries did fail");
        var counts = string.Join(", ", records.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"));
        Assert.True(delivered, $"the records say {counts} of {n}");
        var status = await coordinator.GetStatus();
        Assert.Equal((n, 0), (status.Annotated, status.Pending));
    }
}

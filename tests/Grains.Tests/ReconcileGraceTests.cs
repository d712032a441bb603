namespace RadiologyNet.Grains.Tests;

public sealed class ReconcileGraceTests
{
    private static readonly ReconcileRequest Request = new(GraceSeconds: 120, BacklogGraceSeconds: 3600, IntervalSeconds: 30);

    [Fact]
    public void Empty_queues_mean_an_unsettled_instance_is_lost_so_the_short_grace_applies() =>
        Assert.Equal(120, ReconcileGrace.Seconds(Request, queued: 0));

    [Fact]
    public void Queued_messages_mean_its_event_is_probably_waiting_so_the_long_grace_applies()
    {
        Assert.Equal(3600, ReconcileGrace.Seconds(Request, queued: 1));
        Assert.Equal(3600, ReconcileGrace.Seconds(Request, queued: 5000));
    }
}

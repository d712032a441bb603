namespace RadiologyNet.Grains.Tests;

public sealed class ReconcileGraceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_reconciler_waits_a_grace_period_before_it_trusts_empty_queues()
    {
        var grace = new ReconcileGrace(Start);
        grace.Observe(queued: 0, Start.AddSeconds(60));
        Assert.False(grace.Quiet(120, Start.AddSeconds(60)));
        grace.Observe(queued: 0, Start.AddSeconds(120));
        Assert.True(grace.Quiet(120, Start.AddSeconds(120)));
    }

    [Fact]
    public void After_a_long_upload_nothing_is_lost_until_the_queues_have_drained_and_stayed_empty()
    {
        var grace = new ReconcileGrace(Start);
        for (var t = 60; t <= 36_000; t += 60) grace.Observe(queued: 500_000 - t, Start.AddSeconds(t)); // ten hours of backlog
        Assert.False(grace.Quiet(120, Start.AddSeconds(36_000)));
        Assert.True(ReconcileGrace.OldEnough(Start, 120, Start.AddSeconds(36_000)), "every blob of the upload is old");
        grace.Observe(queued: 0, Start.AddSeconds(36_060));
        Assert.False(grace.Quiet(120, Start.AddSeconds(36_060)));
        grace.Observe(queued: 0, Start.AddSeconds(36_120));
        Assert.True(grace.Quiet(120, Start.AddSeconds(36_120)));
    }

    [Fact]
    public void The_reconcilers_own_events_restart_the_quiet_period()
    {
        var grace = new ReconcileGrace(Start);
        Assert.True(grace.Quiet(120, Start.AddSeconds(200)));
        grace.Enqueued(Start.AddSeconds(200));
        Assert.False(grace.Quiet(120, Start.AddSeconds(260)));
        Assert.True(grace.Quiet(120, Start.AddSeconds(320)));
    }

    [Fact]
    public void A_blob_just_uploaded_is_left_to_the_ingest_that_uploaded_it()
    {
        Assert.False(ReconcileGrace.OldEnough(Start.AddSeconds(100), 120, Start.AddSeconds(200)));
        Assert.True(ReconcileGrace.OldEnough(Start.AddSeconds(80), 120, Start.AddSeconds(200)));
        Assert.True(ReconcileGrace.OldEnough(null, 120, Start));
    }
}

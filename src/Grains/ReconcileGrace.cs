namespace RadiologyNet.Grains;

/// <summary>
/// When the reconciler may re-enqueue an instance no shard has settled: only when it has plausibly been lost, that is when
/// <list type="bullet">
/// <item>the ingest stream has been quiet for the grace period: every pass since then found the ingest queues empty
/// (Azure's approximate count, which includes messages a silo holds invisible while it processes them, and those a dead
/// silo held until their visibility timeout returns them), the reconciler itself enqueued nothing, and the reconciler's
/// activation is at least that old (it knows nothing of the time before); and</item>
/// <item>the instance's blob is at least the grace period old, so an ingest that is still running has had the time to
/// enqueue what it just uploaded.</item>
/// </list>
/// Then every event ever enqueued has been delivered and has had the grace period to settle, and an unsettled instance
/// has no event left anywhere. The clock does not start at the upload: after a long upload the backlog still queued is
/// left to its events, however old the blobs, and nothing is re-enqueued until the queues have drained.
/// </summary>
public sealed class ReconcileGrace(DateTimeOffset activated)
{
    private DateTimeOffset _lastBusy = activated;

    /// <summary>Records the queue count a pass found when it began.</summary>
    public void Observe(long queued, DateTimeOffset now)
    {
        if (queued > 0) _lastBusy = now;
    }

    /// <summary>Records that the reconciler put events on the stream (its own activity restarts the quiet period).</summary>
    public void Enqueued(DateTimeOffset now) => _lastBusy = now;

    /// <summary>True when the stream has been quiet for <paramref name="graceSeconds"/>, so old enough unsettled instances are lost.</summary>
    public bool Quiet(int graceSeconds, DateTimeOffset now) => now - _lastBusy >= TimeSpan.FromSeconds(graceSeconds);

    /// <summary>True when a blob last modified at <paramref name="lastModified"/> (unknown: null) is old enough to re-enqueue.</summary>
    public static bool OldEnough(DateTimeOffset? lastModified, int graceSeconds, DateTimeOffset now) =>
        lastModified is not { } modified || now - modified >= TimeSpan.FromSeconds(graceSeconds);
}

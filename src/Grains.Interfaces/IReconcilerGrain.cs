namespace RadiologyNet.Grains;

/// <summary>
/// The model's reconciler (key: model name): lists the studies container and re-enqueues every instance no shard has
/// settled, as long as it is older than the grace period that applies, which covers an ingest that died between upload
/// and enqueue.
/// </summary>
public interface IReconcilerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs one pass, unless one finished less than <see cref="ReconcileRequest.IntervalSeconds"/> ago (every silo asks on
    /// its own timer, and two passes back to back would re-enqueue the same instances twice); then returns that pass's result.
    /// </summary>
    Task<ReconcileResult> Reconcile(ReconcileRequest request);
}

/// <summary>How a reconciler pass decides.</summary>
/// <param name="GraceSeconds">Age after which an unsettled instance is re-enqueued while the ingest queues are empty.</param>
/// <param name="BacklogGraceSeconds">
/// The same while the queues still hold messages (visible or held by a silo): the instance's event is then most likely
/// still waiting its turn, or held by a silo that died until its visibility timeout returns it to the queue.
/// </param>
/// <param name="IntervalSeconds">The shortest time between two passes.</param>
[GenerateSerializer, Immutable, Alias("radnet.ReconcileRequest")]
public sealed record ReconcileRequest(
    [property: Id(0)] int GraceSeconds,
    [property: Id(1)] int BacklogGraceSeconds,
    [property: Id(2)] int IntervalSeconds);

/// <summary>What a reconciler pass found and did.</summary>
/// <param name="Listed">Instance blobs listed.</param>
/// <param name="Unsettled">Of those old enough, the ones no shard has settled.</param>
/// <param name="Enqueued">Events put back on the stream.</param>
/// <param name="Strays">Blobs that are neither instances (<c>study/series/sop.dcm</c>) nor reports.</param>
/// <param name="Queued">Messages in the ingest queues when the pass began (Azure's approximate count, invisible ones included).</param>
/// <param name="Ran">False when the pass was skipped because another had just run (the result is that pass's).</param>
[GenerateSerializer, Immutable, Alias("radnet.ReconcileResult")]
public sealed record ReconcileResult(
    [property: Id(0)] long Listed,
    [property: Id(1)] long Unsettled,
    [property: Id(2)] long Enqueued,
    [property: Id(3)] long Strays,
    [property: Id(4)] long Queued = 0,
    [property: Id(5)] bool Ran = true);

namespace RadiologyNet.Grains;

/// <summary>
/// The model's reconciler (key: model name): lists the studies container page by page, across passes, and re-enqueues
/// every instance no shard has settled once it has plausibly been lost (the ingest queues quiet and the blob old, for the
/// grace period), which covers an ingest that died between upload and enqueue, or an event the stream gave up on.
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
/// <param name="GraceSeconds">
/// How long the ingest stream must have been quiet, and how old an unsettled instance's blob must be, before the instance
/// counts as lost and is re-enqueued (the rule is <c>ReconcileGrace</c>'s).
/// </param>
/// <param name="IntervalSeconds">The shortest time between two passes.</param>
/// <param name="PageSize">Blobs asked for per page of the container listing (Azure returns at most 5,000).</param>
/// <param name="PagesPerPass">Pages a pass handles before it stops; the next pass continues the listing where this one stopped.</param>
[GenerateSerializer, Immutable, Alias("radnet.ReconcileRequest")]
public sealed record ReconcileRequest(
    [property: Id(0)] int GraceSeconds,
    [property: Id(2)] int IntervalSeconds,
    [property: Id(3)] int PageSize = 1000,
    [property: Id(4)] int PagesPerPass = 20);

/// <summary>What a reconciler pass found and did.</summary>
/// <param name="Listed">Instance blobs listed by this pass.</param>
/// <param name="Unsettled">Of those old enough, the ones no shard has settled.</param>
/// <param name="Enqueued">Events put back on the stream.</param>
/// <param name="Strays">Blobs that are neither instances (<c>study/series/sop.dcm</c>) nor reports.</param>
/// <param name="Queued">Messages in the ingest queues when the pass began (Azure's approximate count, invisible ones included).</param>
/// <param name="Ran">False when the pass was skipped because another had just run (the result is that pass's).</param>
/// <param name="Quiet">False when the ingest stream had not been quiet for the grace period, so the pass listed nothing.</param>
/// <param name="ListingComplete">True when this pass reached the end of the listing (the next starts over).</param>
[GenerateSerializer, Immutable, Alias("radnet.ReconcileResult")]
public sealed record ReconcileResult(
    [property: Id(0)] long Listed,
    [property: Id(1)] long Unsettled,
    [property: Id(2)] long Enqueued,
    [property: Id(3)] long Strays,
    [property: Id(4)] long Queued = 0,
    [property: Id(5)] bool Ran = true,
    [property: Id(6)] bool Quiet = true,
    [property: Id(7)] bool ListingComplete = false);

namespace RadiologyNet.Grains;

/// <summary>
/// Lists the studies container and re-enqueues every instance blob that no shard has settled, so an ingest that
/// died between upload and enqueue (or an event the stream gave up on) still ends annotated or quarantined.
/// One activation per model (key: model name); passes never overlap.
/// </summary>
public interface IReconcilerGrain : IGrainWithStringKey
{
    /// <summary>One pass; blobs younger than <paramref name="graceSeconds"/> are left to their own events.</summary>
    Task<ReconcileResult> Reconcile(int graceSeconds);
}

/// <summary>What a reconciler pass found.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ReconcileResult")]
public sealed record ReconcileResult(
    [property: Id(0)] long Listed,
    [property: Id(1)] long Unsettled,
    [property: Id(2)] long Enqueued,
    [property: Id(3)] long Strays);

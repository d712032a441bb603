namespace RadiologyNet.Grains.Sources;

/// <summary>How many ingest events are still queued, delivered or not yet (so a reconciler can tell waiting from lost).</summary>
public interface IIngestBacklog
{
    /// <summary>Messages in the ingest queues, including those a silo holds invisible while it processes them.</summary>
    Task<long> QueuedAsync(CancellationToken cancellationToken = default);
}

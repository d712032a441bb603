namespace RadiologyNet.Grains;

/// <summary>
/// Which grace period a reconciler pass applies: the short one once the ingest queues are empty (an unsettled instance is
/// then lost), the long one while they still hold messages (its event is most likely still queued or held by a silo).
/// </summary>
public static class ReconcileGrace
{
    /// <summary>The grace period in seconds for a pass that found <paramref name="queued"/> messages in the ingest queues.</summary>
    public static int Seconds(ReconcileRequest request, long queued) => queued > 0 ? request.BacklogGraceSeconds : request.GraceSeconds;
}

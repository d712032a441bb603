using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Distributed;

/// <summary>
/// Every ingested instance (every instance blob in the container) with what the cluster knows of it, streamed: the
/// container is listed page by page, the blobs of one study (consecutive, as their names begin with the study's UID) are
/// matched with that study grain's records, and the rows are yielded in listing order. The client holds one listing page
/// and at most <see cref="StudiesInFlight"/> studies' records, whatever the archive's size.
/// </summary>
public static class ClusterExport
{
    /// <summary>Blobs asked for per listing page.</summary>
    public const int ListingPage = 5000;

    /// <summary>Study grains asked at once (their replies are used in listing order).</summary>
    public const int StudiesInFlight = 32;

    /// <summary>
    /// One row per instance blob: annotated (cluster and distance as its study records them), quarantined with its reason, or
    /// pending; the container is listed <paramref name="listingPage"/> blobs at a time.
    /// </summary>
    public static async IAsyncEnumerable<InstanceResult> ReadAsync(IClusterClient client, BlobContainerClient container,
        [EnumeratorCancellation] CancellationToken cancellationToken, int listingPage = ListingPage)
    {
        var asked = new Queue<(List<InstanceArrived> Blobs, Task<IReadOnlyList<InstanceRecord>> Records)>();
        List<InstanceArrived>? study = null;
        await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: listingPage))
        {
            foreach (var blob in page.Values)
            {
                if (!BlobNaming.TryParseInstance(blob.Name, out var instance)) continue;
                if (study is not null && !string.Equals(study[0].StudyInstanceUid, instance.StudyInstanceUid, StringComparison.Ordinal))
                {
                    asked.Enqueue(Ask(client, study));
                    study = null;
                }
                (study ??= []).Add(instance);
            }
            while (asked.Count >= StudiesInFlight)
                foreach (var row in await Rows(asked.Dequeue())) yield return row;
        }
        if (study is not null) asked.Enqueue(Ask(client, study));
        while (asked.Count > 0)
            foreach (var row in await Rows(asked.Dequeue())) yield return row;
    }

    private static (List<InstanceArrived>, Task<IReadOnlyList<InstanceRecord>>) Ask(IClusterClient client, List<InstanceArrived> study) =>
        (study, client.GetGrain<IStudyGrain>(study[0].StudyInstanceUid).GetInstances());

    private static async Task<IEnumerable<InstanceResult>> Rows((List<InstanceArrived> Blobs, Task<IReadOnlyList<InstanceRecord>> Records) study)
    {
        var records = (await study.Records).ToDictionary(r => r.SopInstanceUid, StringComparer.Ordinal);
        return study.Blobs.Select(b => RowOf(b, records.GetValueOrDefault(b.SopInstanceUid)));
    }

    /// <summary>The export row of an ingested instance, from its study grain's record (null: not processed yet).</summary>
    public static InstanceResult RowOf(InstanceArrived blob, InstanceRecord? record) => record is not { } r ? Pending(blob, "not processed yet") : r.Status switch
    {
        InstanceStatus.Annotated => new InstanceResult(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, blob.Source, "annotated", "",
            r.Cluster, r.Distance, null, null, r.Modality, r.Region, "", FeatureSources.None, -1),
        InstanceStatus.Quarantined => new InstanceResult(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, blob.Source, "quarantined", r.Reason ?? "",
            null, null, null, null, r.Modality, r.Region, "", FeatureSources.None, -1),
        _ => Pending(blob, "featurised, waiting for a cluster") with { SeriesInstanceUid = r.SeriesInstanceUid, StudyInstanceUid = r.StudyInstanceUid },
    };

    private static InstanceResult Pending(InstanceArrived blob, string reason) =>
        new(blob.SopInstanceUid, blob.SeriesInstanceUid, blob.StudyInstanceUid, blob.Source, "pending", reason,
            null, null, null, null, "", "", "", FeatureSources.None, -1);
}

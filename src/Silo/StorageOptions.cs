using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace RadiologyNet.Silo;

/// <summary>
/// Distributed mode: the Azure Storage account (or Azurite) that holds cluster membership (tables), grain state
/// and the studies container (blobs), and the ingest stream (queues). Binds from the <c>Storage</c> section.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Storage";

    /// <summary>A storage connection string (Azurite's well-known development one works locally).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Instead of a connection string: the blob, queue and table service endpoints of the account, reached with
    /// <see cref="DefaultAzureCredential"/> (workload identity, managed identity, or the environment's credentials).
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue service endpoint (with <see cref="BlobServiceUri"/>).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table service endpoint (with <see cref="BlobServiceUri"/>).</summary>
    public Uri? TableServiceUri { get; set; }

    private bool UsesCredential => string.IsNullOrWhiteSpace(ConnectionString);

    private TokenCredential Credential => _credential ??= new DefaultAzureCredential();

    private TokenCredential? _credential;

    /// <summary>Container the ingest command uploads studies and reports to.</summary>
    public string Container { get; set; } = "studies";

    /// <summary>Container for grain state (study records, shard vectors, clusters, the coordinator).</summary>
    public string StateContainer { get; set; } = "radnet-state";

    /// <summary>Number of Azure queues behind the ingest stream (each gets a pulling agent on some silo).</summary>
    public int Queues { get; set; } = 8;

    /// <summary>
    /// Seconds an ingest message read by a silo stays invisible to the others. Longer means fewer duplicate deliveries
    /// while a backlog drains; shorter means faster redelivery after a silo dies (the reconciler also covers that).
    /// </summary>
    public int VisibilitySeconds { get; set; } = 180;

    /// <summary>
    /// Milliseconds a pulling agent waits before asking an ingest queue again after finding it empty (it reads on at once
    /// while messages come). Every queue is polled at this rate even when idle, which is most of an idle storage account's load.
    /// </summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Ingest messages a silo's pulling agent caches per queue. A message is deleted from its queue only when the cache
    /// purges it after delivery, so a silo that dies leaves up to about this many delivered, undeleted messages to reappear
    /// after their visibility timeout as duplicate deliveries (a SIGKILLed silo of two left 365–383 at Orleans' default of
    /// 4096, 51 at 64; throughput did not change measurably).
    /// </summary>
    public int StreamCacheSize { get; set; } = 64;

    /// <summary>Orleans cluster id: silos and clients with the same id form one cluster; also prefixes the queue names.</summary>
    public string ClusterId { get; set; } = "radnet";

    /// <summary>Orleans service id (stable across deployments: grain state is keyed by it).</summary>
    public string ServiceId { get; set; } = "radnet";

    /// <summary>Seconds between reconciler passes over the studies container; 0 disables the reconciler.</summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>
    /// The reconciler re-enqueues an unsettled instance only once the ingest queues have been empty at every pass for this
    /// many seconds (and it enqueued nothing itself), and the instance's blob is at least this old (see <c>ReconcileGrace</c>).
    /// </summary>
    public int ReconcileGraceSeconds { get; set; } = 120;

    /// <summary>Blobs per page of the reconciler's container listing (1..5000).</summary>
    public int ReconcilePageSize { get; set; } = 1000;

    /// <summary>Listing pages one reconciler pass handles; the next pass continues from the listing's continuation token.</summary>
    public int ReconcilePagesPerPass { get; set; } = 20;

    /// <summary>Queue names of the ingest stream.</summary>
    public List<string> QueueNames() =>
        Enumerable.Range(0, Queues).Select(i => $"{ClusterId.ToLowerInvariant()}-ingest-{i}").ToList();

    /// <summary>Throws with a one-sentence message when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (BlobServiceUri is null || QueueServiceUri is null || TableServiceUri is null))
            throw new ArgumentException("distributed mode needs Storage:ConnectionString, or Storage:BlobServiceUri, QueueServiceUri and TableServiceUri with a workload identity");
        if (Queues is < 1 or > 64) throw new ArgumentException($"Storage:Queues must be 1..64, not {Queues}");
        if (string.IsNullOrWhiteSpace(Container)) throw new ArgumentException("Storage:Container must not be empty");
        if (StreamCacheSize is < 16 or > 100_000) throw new ArgumentException($"Storage:StreamCacheSize must be 16..100000, not {StreamCacheSize}");
        if (PollMilliseconds is < 10 or > 60000) throw new ArgumentException($"Storage:PollMilliseconds must be 10..60000, not {PollMilliseconds}");
        if (VisibilitySeconds is < 1 or > 3600) throw new ArgumentException($"Storage:VisibilitySeconds must be 1..3600, not {VisibilitySeconds}");
        if (ReconcileSeconds < 0 || ReconcileGraceSeconds < 0) throw new ArgumentException("Storage reconcile periods must be >= 0");
        if (ReconcilePageSize is < 1 or > 5000) throw new ArgumentException($"Storage:ReconcilePageSize must be 1..5000, not {ReconcilePageSize}");
        if (ReconcilePagesPerPass < 1) throw new ArgumentException($"Storage:ReconcilePagesPerPass must be >= 1, not {ReconcilePagesPerPass}");
    }

    /// <summary>A table client for cluster membership.</summary>
    public TableServiceClient Tables() => UsesCredential ? new(TableServiceUri!, Credential) : new(ConnectionString);

    /// <summary>A blob service client.</summary>
    public BlobServiceClient Blobs() => UsesCredential ? new(BlobServiceUri!, Credential) : new(ConnectionString);

    /// <summary>A queue service client.</summary>
    public QueueServiceClient QueueService() => UsesCredential ? new(QueueServiceUri!, Credential) : new(ConnectionString);

    /// <summary>The studies container.</summary>
    public BlobContainerClient StudiesContainer() => Blobs().GetBlobContainerClient(Container);
}

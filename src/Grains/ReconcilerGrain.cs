using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Grains;

/// <summary>
/// Lists the studies container, asks each shard which of its instances have not settled, and puts one ingest event
/// back on the stream for each that is older than the grace period (<see cref="ReconcileGrace"/>: long while the ingest
/// queues still hold messages, short once they are empty). Re-enqueuing an event that was only waiting would cost a
/// duplicate delivery, harmless (the shards recognise it) but wasted. Blobs that are not <c>study/series/sop.dcm</c> (nor
/// reports) are counted as strays and logged.
/// </summary>
public sealed class ReconcilerGrain(IArchiveSource source, IIngestBacklog backlog, IOptions<AnnotationOptions> options, ILogger<ReconcilerGrain> logger)
    : Grain, IReconcilerGrain
{
    private readonly AnnotationOptions _options = options.Value;
    private (DateTime Finished, ReconcileResult Result)? _last;

    /// <inheritdoc />
    public async Task<ReconcileResult> Reconcile(ReconcileRequest request)
    {
        if (source is not BlobArchiveSource blobs) return new ReconcileResult(0, 0, 0, 0);
        if (_last is { } last && DateTime.UtcNow - last.Finished < TimeSpan.FromSeconds(request.IntervalSeconds))
            return last.Result with { Ran = false };
        var queued = await backlog.QueuedAsync();
        var cutoff = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(ReconcileGrace.Seconds(request, queued));
        var byShard = new Dictionary<int, List<InstanceArrived>>();
        long listed = 0, strays = 0;
        await foreach (var blob in blobs.Container.GetBlobsAsync())
        {
            if (blob.Name.StartsWith(BlobNaming.ReportPrefix, StringComparison.Ordinal)) continue;
            if (!BlobNaming.TryParseInstance(blob.Name, out var instance))
            {
                strays++;
                continue;
            }
            listed++;
            if (blob.Properties.LastModified is { } modified && modified > cutoff) continue;
            var shard = ShardRouting.ShardOf(instance.SopInstanceUid, _options.Shards);
            if (!byShard.TryGetValue(shard, out var list)) byShard[shard] = list = [];
            list.Add(instance);
        }

        var provider = this.GetStreamProvider(StreamNames.Provider);
        long unsettled = 0, enqueued = 0;
        foreach (var (shard, instances) in byShard)
        {
            var open = (await GrainFactory.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(_options.ModelName, shard))
                .Unsettled(instances.Select(i => i.SopInstanceUid).ToList())).ToHashSet(StringComparer.Ordinal);
            unsettled += open.Count;
            foreach (var instance in instances.Where(i => open.Contains(i.SopInstanceUid)))
            {
                await provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, instance.StudyInstanceUid)).OnNextAsync(instance);
                enqueued++;
            }
        }
        if (strays > 0) logger.LogWarning("Reconciler found {Strays} blobs that are not named study/series/sop.dcm", strays);
        var result = new ReconcileResult(listed, unsettled, enqueued, strays, queued);
        _last = (DateTime.UtcNow, result);
        return result;
    }
}

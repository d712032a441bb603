using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Grains;

/// <summary>
/// Lists the studies container, asks each shard which of its instances have not settled, and puts one ingest event
/// back on the stream for each (older than the grace period). Duplicates this may cause are harmless: the shards
/// recognise them. Blobs that are not <c>study/series/sop.dcm</c> (nor reports) are counted as strays and logged.
/// </summary>
public sealed class ReconcilerGrain(IArchiveSource source, IOptions<AnnotationOptions> options, ILogger<ReconcilerGrain> logger)
    : Grain, IReconcilerGrain
{
    private readonly AnnotationOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<ReconcileResult> Reconcile(int graceSeconds)
    {
        if (source is not BlobArchiveSource blobs) return new ReconcileResult(0, 0, 0, 0);
        var cutoff = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(graceSeconds);
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
        return new ReconcileResult(listed, unsettled, enqueued, strays);
    }
}

using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Grains;

/// <summary>
/// Lists the studies container a page at a time and, for each page, asks the shards which of its instances have not
/// settled and puts one ingest event back on the stream for each that has plausibly been lost (<see cref="ReconcileGrace"/>:
/// the ingest queues quiet for the grace period, the blob at least that old). A pass handles at most
/// <see cref="ReconcileRequest.PagesPerPass"/> pages and keeps the listing's continuation token, so the next pass goes on
/// where it stopped and a pass's memory is one page, whatever the size of the container; when the listing ends the next
/// pass starts over. While the stream is not quiet a pass lists nothing. Blobs that are not <c>study/series/sop.dcm</c>
/// (nor reports) are counted as strays and logged.
/// </summary>
public sealed class ReconcilerGrain(IArchiveSource source, IIngestBacklog backlog, IOptions<AnnotationOptions> options, ILogger<ReconcilerGrain> logger)
    : Grain, IReconcilerGrain
{
    private readonly AnnotationOptions _options = options.Value;
    private readonly ReconcileGrace _grace = new(DateTimeOffset.UtcNow);
    private string? _continuation;
    private IngestQueue? _queue;
    private (DateTime Finished, ReconcileResult Result)? _last;

    /// <inheritdoc />
    public async Task<ReconcileResult> Reconcile(ReconcileRequest request)
    {
        if (source is not BlobArchiveSource blobs) return new ReconcileResult(0, 0, 0, 0);
        if (_last is { } last && DateTime.UtcNow - last.Finished < TimeSpan.FromSeconds(request.IntervalSeconds))
            return last.Result with { Ran = false };
        var queued = await backlog.QueuedAsync();
        _grace.Observe(queued, DateTimeOffset.UtcNow);
        var result = _grace.Quiet(request.GraceSeconds, DateTimeOffset.UtcNow)
            ? await ReconcilePages(blobs, request) with { Queued = queued }
            : new ReconcileResult(0, 0, 0, 0, queued, Quiet: false);
        if (result.Strays > 0) logger.LogWarning("Reconciler found {Strays} blobs that are not named study/series/sop.dcm", result.Strays);
        _last = (DateTime.UtcNow, result);
        return result;
    }

    private async Task<ReconcileResult> ReconcilePages(BlobArchiveSource blobs, ReconcileRequest request)
    {
        _queue ??= await IngestQueue.OpenAsync(ServiceProvider);
        long listed = 0, strays = 0, enqueued = 0;
        var pages = 0;
        try
        {
            await foreach (var page in blobs.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None).AsPages(_continuation, request.PageSize))
            {
                var oldEnough = new List<InstanceArrived>();
                var now = DateTimeOffset.UtcNow;
                foreach (var blob in page.Values)
                {
                    if (blob.Name.StartsWith(BlobNaming.ReportPrefix, StringComparison.Ordinal)) continue;
                    if (!BlobNaming.TryParseInstance(blob.Name, out var instance))
                    {
                        strays++;
                        continue;
                    }
                    listed++;
                    if (ReconcileGrace.OldEnough(blob.Properties.LastModified, request.GraceSeconds, now)) oldEnough.Add(instance);
                }
                var sent = oldEnough.Count == 0 ? 0 : await UnsettledEnqueue.RunAsync(GrainFactory, _queue, _options.ModelName, _options.Shards, oldEnough);
                if (sent > 0) _grace.Enqueued(DateTimeOffset.UtcNow);
                enqueued += sent;
                _continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
                if (_continuation is null || ++pages >= request.PagesPerPass) break;
            }
        }
        catch (RequestFailedException) when (_continuation is not null)
        {
            _continuation = null; // a token the service no longer honours must not stall every later pass
            throw;
        }
        return new ReconcileResult(listed, enqueued, enqueued, strays, ListingComplete: _continuation is null);
    }
}

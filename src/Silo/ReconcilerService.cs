using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Grains;

namespace RadiologyNet.Silo;

/// <summary>
/// Asks the model's reconciler grain for a pass every <see cref="StorageOptions.ReconcileSeconds"/>. Every silo runs
/// this; the grain has one activation in the cluster, runs one pass at a time and skips a request that comes less than
/// half a period after its last pass, so passes never overlap or repeat and the reconciler survives the loss of any silo.
/// </summary>
public sealed class ReconcilerService(IGrainFactory grains, StorageOptions storage, IOptions<AnnotationOptions> annotation,
    ILogger<ReconcilerService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.ReconcileSeconds == 0) return;
        var period = TimeSpan.FromSeconds(storage.ReconcileSeconds);
        var reconciler = grains.GetGrain<IReconcilerGrain>(annotation.Value.ModelName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, stoppingToken);
                var result = await reconciler.Reconcile(new ReconcileRequest(storage.ReconcileGraceSeconds, storage.ReconcileSeconds / 2,
                    storage.ReconcilePageSize, storage.ReconcilePagesPerPass));
                if (result is { Ran: true, Enqueued: > 0 })
                    logger.LogInformation("Reconciler re-enqueued {Enqueued} of {Listed} instances that had not settled ({Queued} messages were queued)",
                        result.Enqueued, result.Listed, result.Queued);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Reconciler pass failed, will retry: {Error}", e.Message);
            }
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Grains;

namespace RadiologyNet.Silo;

/// <summary>
/// Asks the model's reconciler grain for a pass every <see cref="StorageOptions.ReconcileSeconds"/>. Every silo runs
/// this; the grain has one activation in the cluster and runs one pass at a time, so passes never overlap and the
/// reconciler survives the loss of any silo.
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
                var result = await reconciler.Reconcile(storage.ReconcileGraceSeconds);
                if (result.Enqueued > 0)
                    logger.LogInformation("Reconciler re-enqueued {Enqueued} of {Listed} instances that had not settled", result.Enqueued, result.Listed);
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

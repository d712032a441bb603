using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiologyNet.Grains.Featurisation;

namespace RadiologyNet.Silo;

/// <summary>
/// Loads the ONNX models when the silo starts, so the first grain activation does not pay for it (a cold
/// load on a busy machine can outlast a grain call's response timeout).
/// </summary>
public sealed class FeatureWarmup(IServiceProvider services, ILogger<FeatureWarmup> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var featurizer = (InstanceFeaturizer)services.GetService(typeof(InstanceFeaturizer))!;
        logger.LogInformation("Feature models loaded: fused layout {Layout}", featurizer.Layout);
    }, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

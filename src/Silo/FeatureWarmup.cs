using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Silo;

/// <summary>
/// Loads the ONNX models when the silo starts, so the first grain activation does not pay for it (a cold
/// load on a busy machine can outlast a grain call's response timeout). Under the load-test switch no model is loaded.
/// </summary>
public sealed class FeatureWarmup(IServiceProvider services, IOptions<LoadTestOptions> loadTest, ILogger<FeatureWarmup> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => loadTest.Value.Enabled ? Task.CompletedTask : Task.Run(() =>
    {
        var featurizer = (InstanceFeaturizer)services.GetService(typeof(InstanceFeaturizer))!;
        logger.LogInformation("Feature models loaded: fused layout {Layout}", featurizer.Layout);
    }, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

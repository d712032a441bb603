using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RadiologyNet.Silo.LoadTest;

/// <summary>Logs, when the silo starts with the load-test switch, that its features are synthetic.</summary>
public sealed class LoadTestWarning(ILogger<LoadTestWarning> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("LOAD TEST: LoadTest:Enabled is set, this silo featurises with synthetic vectors and quarantines every real instance; never use it for a real archive");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

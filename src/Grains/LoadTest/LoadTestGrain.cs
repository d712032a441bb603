using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace RadiologyNet.Grains.LoadTest;

/// <summary>Answers whether this silo runs with the load-test switch, with its counters (<see cref="ILoadTestGrain"/>).</summary>
[StatelessWorker(1)]
public sealed class LoadTestGrain(IOptions<LoadTestOptions> options, IServiceProvider services) : Grain, ILoadTestGrain
{
    /// <inheritdoc />
    public Task<LoadTestSiloReport> GetReport() => Task.FromResult(
        services.GetService<LoadTestCounters>()?.Report(options.Value.Enabled, options.Value.Noise)
        ?? new LoadTestSiloReport(options.Value.Enabled, false, 0, 0, 0, 0, 0, 0, "", options.Value.Noise));
}

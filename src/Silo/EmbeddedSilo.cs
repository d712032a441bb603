using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiologyNet.Silo.Telemetry;

namespace RadiologyNet.Silo;

/// <summary>A silo running inside the current process (the single-machine default); <see cref="Client"/> talks to it.</summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    /// <summary>The grain factory and stream provider of the in-process silo.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The silo's services (featuriser, options).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts a silo on free loopback ports with the given configuration (same keys as the standalone silo);
    /// RADNET_-prefixed environment variables (e.g. RADNET_Metadata__Scaling) fill in what the settings leave out.
    /// <paramref name="configure"/>, when given, runs after everything else is configured (the load test's storage counters).
    /// </summary>
    public static async Task<EmbeddedSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, LogLevel logLevel = LogLevel.Warning,
        CancellationToken cancellationToken = default, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables("RADNET_");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEmbedded(builder.Configuration, FreePorts.Next(), FreePorts.Next()).AddRadiologyNetTelemetry(builder.Configuration);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}

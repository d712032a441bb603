using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Distributed;

/// <summary>An Orleans client of a distributed cluster, found through the Azure Table membership.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    /// <summary>The grain factory and stream provider.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects, with TLS when the environment says so (<c>RADNET_Tls__Enabled</c>, <c>RADNET_Tls__CertificatePath</c>,
    /// <c>RADNET_Tls__KeyPath</c>, as the silos read them); throws <see cref="IOException"/> in one sentence when no silo of
    /// the cluster answers.
    /// </summary>
    public static async Task<ClusterClientHost> ConnectAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        var tls = ClusterTlsOptions.Bind(new ConfigurationBuilder().AddEnvironmentVariables("RADNET_").Build());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Failures reach the user as one-sentence exceptions; the client's own retries during an outage stay quiet.
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client => client.ConfigureDistributedClient(storage).UseRadiologyNetTls(tls));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new IOException($"no silo of cluster '{storage.ClusterId}' answered: {e.Message}", e);
        }
        return new ClusterClientHost(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RadiologyNet.Grains;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Annotation;

/// <summary>The cluster a command talks to: an in-process silo (the default) or a silo already running on this machine.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly EmbeddedSilo? _embedded;
    private readonly IHost? _clientHost;

    private ClusterConnection(EmbeddedSilo? embedded, IHost? clientHost)
    {
        _embedded = embedded;
        _clientHost = clientHost;
    }

    /// <summary>The grain factory and stream provider.</summary>
    public IClusterClient Client => _embedded?.Client ?? _clientHost!.Services.GetRequiredService<IClusterClient>();

    /// <summary>True when the silo runs inside this process.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>Starts an in-process silo with the given settings.</summary>
    public static async Task<ClusterConnection> StartEmbeddedAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken) =>
        new(await EmbeddedSilo.StartAsync(settings, cancellationToken: cancellationToken), null);

    /// <summary>Connects to a silo on this machine through its gateway port (localhost clustering).</summary>
    public static async Task<ClusterConnection> ConnectAsync(int gatewayPort, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort);
            client.Configure<ClientMessagingOptions>(o =>
            {
                o.ResponseTimeout = TimeSpan.FromMinutes(3);
                o.MaxMessageBodySize = Silo.MessageLimits.MaxMessageBodyBytes;
            });
            client.AddMemoryStreams(StreamNames.Provider);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new IOException($"no silo answered on gateway port {gatewayPort}: {e.Message}", e);
        }
        return new ClusterConnection(null, host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null) await _embedded.DisposeAsync();
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync(TimeSpan.FromSeconds(10));
            _clientHost.Dispose();
        }
    }
}

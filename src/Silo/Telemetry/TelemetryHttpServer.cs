using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace RadiologyNet.Silo.Telemetry;

/// <summary>
/// The silo's small HTTP endpoint on 0.0.0.0:<see cref="TelemetryOptions.HttpPort"/>: <c>/metrics</c> (the OpenTelemetry
/// Prometheus exporter of the silo's meter provider), <c>/health/live</c> and <c>/health/ready</c>. A Kestrel application
/// of its own beside the silo's generic host, started before any hosted service (the silo among them) and stopped after all of
/// them, so liveness answers while Orleans starts and readiness reports 503 until the silo is active and again while it stops.
/// </summary>
public sealed class TelemetryHttpServer(IServiceProvider services, IOptions<TelemetryOptions> options, ILogger<TelemetryHttpServer> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.HttpPort;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(TelemetryHttpServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        var app = builder.Build();
        var readiness = services.GetRequiredService<SiloReadiness>();
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), null, null);
        app.MapGet("/health/live", () => Results.Text("live\n"));
        app.MapGet("/health/ready", () => readiness.IsReady
            ? Results.Text("ready\n")
            : Results.Text($"not ready: silo {readiness.Status}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(cancellationToken);
        _app = app;
        logger.LogInformation("Telemetry endpoint on 0.0.0.0:{Port}: /metrics, /health/live, /health/ready", port);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

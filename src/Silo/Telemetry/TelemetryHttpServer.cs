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
/// of its own beside the silo's generic host, started first and stopped last, so liveness answers while Orleans starts.
/// </summary>
public sealed class TelemetryHttpServer(IServiceProvider services, IOptions<TelemetryOptions> options, ILogger<TelemetryHttpServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
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
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

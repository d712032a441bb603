using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Silo.Telemetry;

/// <summary>
/// The silo's OpenTelemetry wiring. Metrics: our meter <c>RadiologyNet</c> (<see cref="RadnetMetrics"/>), Orleans' meter
/// <c>Microsoft.Orleans</c> and the .NET runtime instrumentation. Traces: our source <c>RadiologyNet</c> and Orleans' sources,
/// with activity propagation through grain calls (so an instance's trace follows it across grains and silos), and Orleans'
/// spans scrubbed of grain ids and other identifiers (<see cref="TraceScrubber"/>). Exporters:
/// Prometheus (scraped at <c>/metrics</c>) when <see cref="TelemetryOptions.HttpPort"/> &gt; 0; OTLP (metrics and traces)
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With neither, nothing is registered and nothing is collected.
/// </summary>
public static class TelemetryConfiguration
{
    /// <summary>Name of Orleans' own meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Adds telemetry per the <c>Telemetry</c> section and the standard OTEL_* environment variables.</summary>
    public static ISiloBuilder AddRadiologyNetTelemetry(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.Validate();
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var prometheus = options.HttpPort > 0;
        if (!otlp && !prometheus) return silo;

        var serviceName = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : TelemetryOptions.DefaultServiceName;
        silo.AddActivityPropagation();
        var telemetry = silo.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RadnetMetrics.MeterName, OrleansMeterName).AddRuntimeInstrumentation();
                if (prometheus) metrics.AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        if (otlp)
            telemetry.WithTracing(tracing => tracing.AddRadiologyNetSources().AddOtlpExporter());
        if (prometheus)
        {
            silo.Services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
            silo.Services.AddSingleton<SiloReadiness>();
            silo.Services.AddHostedService<TelemetryHttpServer>();
        }
        return silo;
    }

    /// <summary>
    /// Our source and Orleans' sources, scrubbed of identifiers by <see cref="TraceScrubber"/> before any exporter added
    /// after this call sees a span.
    /// </summary>
    public static TracerProviderBuilder AddRadiologyNetSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(RadnetTracing.SourceName, ActivitySources.AllActivitySourceName).AddProcessor(new TraceScrubber());
}

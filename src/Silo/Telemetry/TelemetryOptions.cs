namespace RadiologyNet.Silo.Telemetry;

/// <summary>
/// Section <c>Telemetry</c>. <c>HttpPort</c> &gt; 0 serves, on 0.0.0.0:HttpPort, <c>/metrics</c> (Prometheus text format),
/// <c>/health/live</c> (200 while the process runs) and <c>/health/ready</c> (200 once the Orleans silo is active, 503
/// otherwise). 0 (the default, and what the silo embedded in the radnet client uses) opens no listener. OTLP export of
/// metrics and traces is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable (with the
/// other <c>OTEL_EXPORTER_OTLP_*</c> variables); the service name is <c>radnet-silo</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Telemetry";

    /// <summary>Default service name of the OpenTelemetry resource.</summary>
    public const string DefaultServiceName = "radnet-silo";

    /// <summary>Port of the metrics and health endpoint; 0 = none.</summary>
    public int HttpPort { get; set; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (HttpPort is < 0 or > 65535) throw new ArgumentException($"Telemetry:HttpPort must be 0..65535, not {HttpPort}");
    }
}

using RadiologyNet.TestSupport;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>A fact that needs Debian's prometheus and the MedNIST sample under ../shared; skipped with a clear message otherwise.</summary>
public sealed class TelemetryFactAttribute : FactAttribute
{
    public TelemetryFactAttribute()
    {
        Skip = SkipReason;
    }

    /// <summary>Why the telemetry tests cannot run here, or null when they can.</summary>
    public static string? SkipReason =>
        PrometheusServer.Executable is null
            ? "prometheus is not installed: run scripts/install-test-deps.sh (apt-get install prometheus)"
            : SharedData.SkipReason(AnnotatedSilo.MedNist);
}

namespace RadiologyNet.Silo.Telemetry;

/// <summary>Whether this process's Orleans silo is active (joined its cluster and serving), for <c>/health/ready</c>.</summary>
public sealed class SiloReadiness(ISiloStatusOracle oracle)
{
    /// <summary>True while the silo's status is <see cref="SiloStatus.Active"/>.</summary>
    public bool IsReady => oracle.CurrentStatus == SiloStatus.Active;

    /// <summary>The silo's status, as text.</summary>
    public string Status => oracle.CurrentStatus.ToString();
}

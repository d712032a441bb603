using System.Diagnostics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// Times one featurisation stage: on dispose records its duration into the stage histogram and ends its span
/// (<c>radnet.featurise.&lt;stage&gt;</c>, a child of the instance's span when one is given).
/// </summary>
public readonly struct StageTimer : IDisposable
{
    private readonly RadnetMetrics? _metrics;
    private readonly FeaturisationStage _stage;
    private readonly long _start;
    private readonly Activity? _activity;

    private StageTimer(RadnetMetrics? metrics, FeaturisationStage stage, ActivityContext parent)
    {
        _metrics = metrics;
        _stage = stage;
        _activity = RadnetTracing.Source.StartActivity("radnet.featurise." + stage.ToString().ToLowerInvariant(), ActivityKind.Internal, parent);
        _start = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts timing a stage; <paramref name="metrics"/> may be null (nothing recorded but the span).</summary>
    public static StageTimer Start(RadnetMetrics? metrics, FeaturisationStage stage, ActivityContext parent = default) => new(metrics, stage, parent);

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics?.StageCompleted(_stage, _start);
        _activity?.Dispose();
    }
}

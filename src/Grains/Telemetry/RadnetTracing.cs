using System.Diagnostics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// The <see cref="ActivitySource"/> <c>RadiologyNet</c>: one root span <c>radnet.instance</c> per ingested instance (started
/// by its study grain when the ingest event arrives), with the featurisation stages as child spans; grain calls made
/// under it (shard, coordinator, cluster grains, on whatever silo) join the trace through Orleans' activity propagation.
/// Spans carry no UIDs or other identifying data.
/// </summary>
public static class RadnetTracing
{
    /// <summary>Name of the activity source (and of the meter, <see cref="RadnetMetrics.MeterName"/>).</summary>
    public const string SourceName = "RadiologyNet";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the root span of one instance: a new trace, whatever the ambient activity of the stream delivery.</summary>
    public static Activity? StartInstance(string model)
    {
        Activity.Current = null;
        var activity = Source.StartActivity("radnet.instance", ActivityKind.Consumer);
        activity?.SetTag("radnet.model", model);
        return activity;
    }
}

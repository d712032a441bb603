using System.Diagnostics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// The <see cref="ActivitySource"/> <c>RadiologyNet</c>: one root span <c>radnet.instance</c> per ingested instance (started
/// by its study grain when the ingest event arrives), with the featurisation stages as child spans; grain calls made
/// under it (shard, assigner, on whatever silo) join the trace through Orleans' activity propagation. An assigner's batch is
/// its own root span <c>radnet.assign.batch</c>, linked to the spans of the instances it carries; the coordinator and
/// cluster grain calls that absorb the batch join that trace.
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

    /// <summary>Starts the root span of one assigner batch, linked to the span of every caller whose instances it carries.</summary>
    public static Activity? StartBatch(string model, IEnumerable<ActivityContext> callers, int instances)
    {
        Activity.Current = null;
        var links = callers.Where(c => c != default).Select(c => new ActivityLink(c)).ToList();
        var activity = Source.StartActivity("radnet.assign.batch", ActivityKind.Internal, default(ActivityContext), links: links);
        activity?.SetTag("radnet.model", model).SetTag("radnet.batch.instances", instances);
        return activity;
    }
}

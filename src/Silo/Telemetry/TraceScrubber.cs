using System.Diagnostics;
using OpenTelemetry;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Silo.Telemetry;

/// <summary>
/// Keeps identifiers out of exported spans. Orleans' activity sources tag grain calls and activations with the grain id
/// (<c>study/&lt;StudyInstanceUID&gt;</c>, <c>shard/…</c>), activation and silo ids, directory addresses and exception
/// messages, any of which can carry a UID or a path. On every span of a source other than our own <c>RadiologyNet</c>
/// (whose tags carry no identifying data by design), this processor keeps only the tags of <see cref="SafeTagKeys"/>,
/// removes every other tag and drops the status description. Span names of those sources are constants or
/// <c>Interface/Method</c>, and their events carry no tags.
/// </summary>
public sealed class TraceScrubber : BaseProcessor<Activity>
{
    /// <summary>Tag keys whose values are names from code (interfaces, methods, grain and state types, causes), never data.</summary>
    public static readonly IReadOnlySet<string> SafeTagKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "rpc.system.name",
        "orleans.rpc.service",
        "rpc.method",
        "orleans.grain.type",
        "orleans.grain.state",
        "orleans.activation.cause",
        "orleans.placement.filter.type",
        "orleans.storage.provider",
        "orleans.storage.state.name",
        "orleans.storage.state.type",
        "orleans.rehydrate.ignored",
        "exception.type",
        "exception.escaped",
    };

    /// <inheritdoc />
    public override void OnEnd(Activity data) => Scrub(data);

    /// <summary>Removes the tags outside <see cref="SafeTagKeys"/> and the status description of a span of another source than ours.</summary>
    public static void Scrub(Activity activity)
    {
        if (activity.Source.Name == RadnetTracing.SourceName) return;
        List<string>? doomed = null;
        foreach (var tag in activity.TagObjects)
            if (!SafeTagKeys.Contains(tag.Key)) (doomed ??= []).Add(tag.Key);
        if (doomed is not null)
            foreach (var key in doomed) activity.SetTag(key, null);
        if (activity.StatusDescription is not null) activity.SetStatus(activity.Status);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// Instances whose ingest event a study grain on this silo has received and not yet settled (featurised and submitted,
/// or quarantined): their number is the silo's ingest backlog, the age of the oldest its lag.
/// </summary>
public sealed class InFlightInstances
{
    private readonly ConcurrentDictionary<long, long> _started = new();
    private long _next;

    /// <summary>Marks one instance in flight until the returned handle is disposed.</summary>
    public IDisposable Begin()
    {
        var id = Interlocked.Increment(ref _next);
        _started[id] = Stopwatch.GetTimestamp();
        return new Handle(this, id);
    }

    /// <summary>Instances in flight now.</summary>
    public int Count => _started.Count;

    /// <summary>Seconds the oldest instance in flight has waited; 0 when none is.</summary>
    public double OldestAgeSeconds
    {
        get
        {
            var oldest = long.MaxValue;
            foreach (var started in _started.Values) oldest = Math.Min(oldest, started);
            return oldest == long.MaxValue ? 0 : Stopwatch.GetElapsedTime(oldest).TotalSeconds;
        }
    }

    private sealed class Handle(InFlightInstances owner, long id) : IDisposable
    {
        public void Dispose() => owner._started.TryRemove(id, out _);
    }
}

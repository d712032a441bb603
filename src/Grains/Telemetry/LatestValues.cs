using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// The latest value per label set, for an observable gauge: writers set or remove, the gauge's callback reads a snapshot.
/// Keys are tuples of bounded labels (model name, cluster id, metric name), never identifiers of instances.
/// </summary>
/// <typeparam name="TKey">The label tuple.</typeparam>
public sealed class LatestValues<TKey>(Func<TKey, KeyValuePair<string, object?>[]> tags) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, double> _values = new();

    /// <summary>Sets the value of one label set.</summary>
    public void Set(TKey key, double value) => _values[key] = value;

    /// <summary>Forgets one label set (its series ends).</summary>
    public void Remove(TKey key) => _values.TryRemove(key, out _);

    /// <summary>The current measurements, one per label set.</summary>
    public IEnumerable<Measurement<double>> Observe() => _values.Select(kv => new Measurement<double>(kv.Value, tags(kv.Key)));
}

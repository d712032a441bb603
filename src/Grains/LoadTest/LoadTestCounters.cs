namespace RadiologyNet.Grains.LoadTest;

/// <summary>A silo's load-test counters (a singleton registered only under the load-test switch); thread-safe.</summary>
public sealed class LoadTestCounters
{
    private long _grainStorageRequests, _grainStorageBytes, _segmentRequests, _segmentBytes, _messages, _largest;
    private string _largestMessage = "";
    private readonly Lock _largestLock = new();

    /// <summary>True once a storage decorator has been built on this silo.</summary>
    public bool StorageCounted { get; set; }

    /// <summary>Counts one grain-state request and the bytes it wrote.</summary>
    public void GrainStorage(long bytesWritten)
    {
        Interlocked.Increment(ref _grainStorageRequests);
        Interlocked.Add(ref _grainStorageBytes, bytesWritten);
    }

    /// <summary>Counts one segment-store request and the bytes it wrote.</summary>
    public void Segment(long bytesWritten)
    {
        Interlocked.Increment(ref _segmentRequests);
        Interlocked.Add(ref _segmentBytes, bytesWritten);
    }

    /// <summary>Records one measured message (a request or a reply) of <paramref name="bytes"/>.</summary>
    public void Message(long bytes, string what)
    {
        Interlocked.Increment(ref _messages);
        if (bytes <= Volatile.Read(ref _largest)) return;
        lock (_largestLock)
        {
            if (bytes <= _largest) return;
            _largest = bytes;
            _largestMessage = what;
        }
    }

    /// <summary>The counters now.</summary>
    public LoadTestSiloReport Report(bool enabled, float noise)
    {
        lock (_largestLock)
            return new LoadTestSiloReport(enabled, StorageCounted, Interlocked.Read(ref _grainStorageRequests), Interlocked.Read(ref _grainStorageBytes),
                Interlocked.Read(ref _segmentRequests), Interlocked.Read(ref _segmentBytes), Interlocked.Read(ref _messages), _largest, _largestMessage, noise);
    }
}

using Orleans.Concurrency;

namespace RadiologyNet.Grains;

/// <summary>
/// Whether the silo that answers runs with the load-test switch (<c>LoadTest:Enabled</c>), and what it measured: asked by
/// <c>radnet status</c> and <c>radnet loadtest</c>. A stateless worker, so it answers on the silo the call reaches (with
/// several silos, the client's gateway silo). Key: any string (use <see cref="Key"/>).
/// </summary>
public interface ILoadTestGrain : IGrainWithStringKey
{
    /// <summary>The key every caller uses.</summary>
    const string Key = "loadtest";

    /// <summary>The switch and this silo's load-test counters.</summary>
    [AlwaysInterleave]
    Task<LoadTestSiloReport> GetReport();
}

/// <summary>
/// One silo's load-test switch and counters, counted at the grain-storage and segment-store boundaries and in a grain call
/// filter (all zero when <see cref="Enabled"/> is false, as the counters are registered only under the switch).
/// </summary>
/// <param name="Enabled">True when the silo was started with <c>LoadTest:Enabled=true</c>.</param>
/// <param name="StorageCounted">True when the storage counters wrap this silo's storage (the embedded load test).</param>
/// <param name="GrainStorageRequests">Reads, writes and clears of grain state.</param>
/// <param name="GrainStorageBytesWritten">Bytes of grain state written (the state serialised with the silo's serializer).</param>
/// <param name="SegmentRequests">Calls to the shard segment store.</param>
/// <param name="SegmentBytesWritten">Bytes handed to the shard segment store.</param>
/// <param name="MessagesMeasured">Grain calls whose request and reply were measured.</param>
/// <param name="LargestMessageBytes">The largest serialised request or reply seen.</param>
/// <param name="LargestMessage">Which method (interface.method, request or reply) it was.</param>
/// <param name="Noise">The synthetic mixture's noise scale on this silo (<c>LoadTest:Noise</c>).</param>
[GenerateSerializer, Immutable, Alias("radnet.LoadTestSiloReport")]
public sealed record LoadTestSiloReport(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] bool StorageCounted,
    [property: Id(2)] long GrainStorageRequests,
    [property: Id(3)] long GrainStorageBytesWritten,
    [property: Id(4)] long SegmentRequests,
    [property: Id(5)] long SegmentBytesWritten,
    [property: Id(6)] long MessagesMeasured,
    [property: Id(7)] long LargestMessageBytes,
    [property: Id(8)] string LargestMessage,
    [property: Id(9)] float Noise);

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Segments in the process's memory, beside Orleans' memory grain storage: shared by every silo of a cluster in this
/// process, so a shard that moves between the silos of an in-process test cluster finds its segments; keyed by cluster
/// id, so two clusters in one process never see each other's.
/// </summary>
public sealed class MemoryShardSegmentStore(IOptions<ClusterOptions> cluster) : IShardSegmentStore
{
    private static readonly ConcurrentDictionary<(string Cluster, string Shard, int Index), byte[]> Segments = new();
    private readonly string _cluster = cluster.Value.ClusterId;

    /// <inheritdoc />
    public Task WriteAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
    {
        Segments[(_cluster, shard, index)] = content;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]> ReadAsync(string shard, int index, CancellationToken cancellationToken = default) =>
        Segments.TryGetValue((_cluster, shard, index), out var content)
            ? Task.FromResult(content)
            : throw new InvalidOperationException($"segment {index} of shard '{shard}' is missing");

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string shard, int index, CancellationToken cancellationToken = default) =>
        new MemoryStream(await ReadAsync(shard, index, cancellationToken), writable: false);
}

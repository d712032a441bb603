namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Where an embedding shard keeps its sealed segments: immutable, numbered runs of the instances it was given, in the
/// order it was given them. The shard's grain state holds only the number of sealed segments and the instances added
/// since the last seal, so a storage write costs at most one segment's worth of vectors however large the shard grows.
/// </summary>
public interface IShardSegmentStore
{
    /// <summary>Stores segment <paramref name="index"/> of a shard; writing the same index again replaces it.</summary>
    Task WriteAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>Segment <paramref name="index"/> of a shard; throws <see cref="InvalidOperationException"/> if it is missing.</summary>
    Task<byte[]> ReadAsync(string shard, int index, CancellationToken cancellationToken = default);

    /// <summary>
    /// Segment <paramref name="index"/> of a shard as a stream read from the store as it is consumed, so a reader that decodes
    /// while it reads never holds the segment's bytes whole; the caller disposes it. Throws <see cref="InvalidOperationException"/>
    /// if the segment is missing.
    /// </summary>
    Task<Stream> OpenReadAsync(string shard, int index, CancellationToken cancellationToken = default);
}

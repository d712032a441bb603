namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Where an embedding shard keeps its rows: sealed segments, immutable numbered runs of the instances it was given in the
/// order it was given them, and beside the segment being filled a journal of the rows appended to it since (framed by
/// <see cref="Shards.ShardJournalFormat"/>). A commit appends only its new rows to the journal, so a write costs what was
/// added, and the shard's grain state holds only the number of sealed segments, however large the shard grows.
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

    /// <summary>
    /// Appends <paramref name="content"/> (at most <see cref="MaxJournalAppendBytes"/>) to the journal of segment
    /// <paramref name="index"/> of a shard, creating the journal if it does not exist.
    /// </summary>
    Task AppendJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>Replaces the journal of segment <paramref name="index"/> of a shard with <paramref name="content"/> (empty: an empty journal).</summary>
    Task WriteJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The journal of segment <paramref name="index"/> of a shard; empty if it has none.</summary>
    Task<byte[]> ReadJournalAsync(string shard, int index, CancellationToken cancellationToken = default);

    /// <summary>Deletes the journal of segment <paramref name="index"/> of a shard, if it has one.</summary>
    Task DeleteJournalAsync(string shard, int index, CancellationToken cancellationToken = default);

    /// <summary>The most bytes one <see cref="AppendJournalAsync"/> takes (an Azure append block's limit).</summary>
    public const int MaxJournalAppendBytes = 4 * 1024 * 1024;
}

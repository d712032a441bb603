using System.Buffers.Binary;
using System.IO.Hashing;

namespace RadiologyNet.Grains.Shards;

/// <summary>
/// The bytes of a segment's journal: frames, each a header (little-endian: the 32-bit length of its body, the body's CRC-32)
/// and a body (the shard row number of its first row, 64-bit, then a <see cref="ShardSegmentFormat"/> block of the rows one
/// commit appended). A frame may repeat rows of the frames before it (an append retried after a failure that had in fact
/// succeeded): the reader keeps each row once. An append that died half-way leaves a last frame that is short or fails its
/// checksum: <see cref="Read"/> stops there and says so, and the journal's owner rewrites it without that frame before it
/// appends again (the rows of a torn frame were never acknowledged).
/// </summary>
public static class ShardJournalFormat
{
    private const int HeaderBytes = 8;
    private const int FirstRowBytes = 8;

    /// <summary>Rows per frame, so that a frame of <paramref name="dimension"/>-value rows stays within one journal append.</summary>
    public static int RowsPerFrame(int dimension) =>
        Math.Max(1, (Storage.IShardSegmentStore.MaxJournalAppendBytes - 64 * 1024) / (dimension * sizeof(float) + 512));

    /// <summary>A frame of the rows of <paramref name="block"/>.</summary>
    public static byte[] Frame(ShardBlock block)
    {
        var rows = ShardSegmentFormat.Encode(block);
        var frame = new byte[HeaderBytes + FirstRowBytes + rows.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, FirstRowBytes + rows.Length);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(HeaderBytes), block.FirstRow);
        rows.CopyTo(frame, HeaderBytes + FirstRowBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32.HashToUInt32(frame.AsSpan(HeaderBytes)));
        return frame;
    }

    /// <summary>
    /// The rows of a journal, in order, as one instance list; <c>Torn</c> when it ends in an incomplete or corrupt frame, whose
    /// rows are left out. The first row is numbered <paramref name="firstRow"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A frame before the last is corrupt, or a frame starts past the rows before it.</exception>
    public static async Task<(List<FeaturisedInstance> Rows, bool Torn)> Read(byte[] journal, long firstRow, CancellationToken cancellationToken = default)
    {
        var rows = new List<FeaturisedInstance>();
        var position = 0;
        while (position < journal.Length)
        {
            var rest = journal.AsMemory(position);
            var length = rest.Length >= HeaderBytes ? BinaryPrimitives.ReadInt32LittleEndian(rest.Span) : -1;
            var whole = length >= FirstRowBytes && length <= rest.Length - HeaderBytes;
            if (!whole || Crc32.HashToUInt32(rest.Span.Slice(HeaderBytes, length)) != BinaryPrimitives.ReadUInt32LittleEndian(rest.Span[4..]))
            {
                // Only the last frame can be torn: a later frame means the journal was appended to past a bad one.
                if (whole && position + HeaderBytes + length < journal.Length)
                    throw new InvalidDataException($"a shard journal frame at byte {position} fails its checksum");
                return (rows, true);
            }
            var frameFirst = BinaryPrimitives.ReadInt64LittleEndian(rest.Span[HeaderBytes..]);
            var next = firstRow + rows.Count;
            if (frameFirst > next || frameFirst < firstRow)
                throw new InvalidDataException($"a shard journal frame at byte {position} starts at row {frameFirst}, where row {next} was due");
            using var body = new MemoryStream(journal, position + HeaderBytes + FirstRowBytes, length - FirstRowBytes, writable: false);
            var block = await ShardSegmentFormat.ReadAsync(body, frameFirst, cancellationToken);
            for (var i = (int)(next - frameFirst); i < block.Rows; i++) rows.Add(block.Instance(i));
            position += HeaderBytes + length;
        }
        return (rows, false);
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Shards;

/// <summary>
/// The rows of one embedding shard, on storage but for a short resident tail. Rows are numbered in the order they were
/// appended and never renumbered; the tail's first <c>segmentSize</c> rows are sealed into an immutable segment
/// (<see cref="ShardSegmentFormat"/>) in an <see cref="IShardSegmentStore"/>, so memory holds one segment's worth of vectors
/// plus an index of SOPInstanceUID → row, whatever the shard's size. Passes stream it with <see cref="ScanAsync"/>, one
/// segment's vectors at a time. The unsealed tail is made durable by <see cref="PersistAsync"/>, which appends the rows
/// not yet stored to the journal of the segment being filled (<see cref="ShardJournalFormat"/>).
/// <para>
/// Appending a SOPInstanceUID the shard already holds replaces its content but not its place: the SOPInstanceUID stays at
/// the row where it was first stored (its live row), which reads with the newest content, and the new row is a replacement
/// row that scans and lookups skip. So every SOPInstanceUID is read once, with its newest content, at a row that never
/// changes, and a read by row position that runs while the shard grows meets each one once. Segments being immutable, a
/// scan that meets a replaced row reads its newest content from the tail or from the segment holding it (rare: a
/// re-featurised instance). <see cref="Count"/> counts live rows, <see cref="Rows"/> all rows stored.
/// </para>
/// <para>
/// Not thread-safe: one caller at a time, as within a grain's turns; calls may interleave at awaits (a scan sees rows
/// sealed meanwhile where they now are, and the rows stored when it began).
/// </para>
/// </summary>
public sealed class ShardRowStore
{
    private const int ReadsInFlight = 4;
    private readonly IShardSegmentStore _store;
    private readonly string _shard;
    private readonly int _segmentSize;
    private readonly List<FeaturisedInstance> _tail = [];
    private readonly List<int> _segmentStarts = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly HashSet<int> _replacements = [];
    private readonly Dictionary<int, int> _newest = [];
    private readonly DecodedSegmentCache _cache;
    private int _sealedRows;
    private int _durableRows;
    private int? _dimension;
    private bool _sealing;

    private ShardRowStore(IShardSegmentStore store, string shard, int segmentSize, int cachedSegments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedSegments);
        _store = store;
        _shard = shard;
        _segmentSize = segmentSize;
        _cache = new DecodedSegmentCache(cachedSegments);
    }

    /// <summary>
    /// Opens shard <paramref name="shard"/> as persisted: its first <paramref name="segments"/> sealed segments (as a grain's
    /// state counts them), the rows journaled since, then <paramref name="tail"/> rows not yet stored. Reads every segment once,
    /// one at a time, to rebuild the index, keeping none of their vectors. A journal whose last append was torn is rewritten
    /// without it.
    /// </summary>
    /// <param name="store">Where the segments are.</param>
    /// <param name="shard">The shard's key in the store.</param>
    /// <param name="segments">Segments sealed so far; a segment stored beyond them (sealed, but the state write that counted it failed) is ignored and overwritten by the next seal.</param>
    /// <param name="tail">Rows to append after the journaled ones (a state written before journals held its tail itself); the next <see cref="PersistAsync"/> stores them.</param>
    /// <param name="segmentSize">Rows per sealed segment.</param>
    /// <param name="cachedSegments">Decoded segments kept for <see cref="GetAsync(int, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<ShardRowStore> OpenAsync(IShardSegmentStore store, string shard, int segments, IEnumerable<FeaturisedInstance> tail,
        int segmentSize, int cachedSegments = 2, CancellationToken cancellationToken = default)
    {
        var rows = new ShardRowStore(store, shard, segmentSize, cachedSegments);
        // A few segments in flight hide the store's latency; they are indexed in order as they arrive.
        var reading = new Queue<Task<(string[] SopInstanceUids, int Dimension)>>();
        for (var segment = 0; segment < segments || reading.Count > 0;)
        {
            if (segment < segments && reading.Count < ReadsInFlight)
            {
                reading.Enqueue(ReadIndexAsync(store, shard, segment++, cancellationToken));
                continue;
            }
            (var sopInstanceUids, rows._dimension) = await reading.Dequeue();
            rows._segmentStarts.Add(rows._sealedRows);
            foreach (var sopInstanceUid in sopInstanceUids) rows.Index(sopInstanceUid, rows._sealedRows++);
        }
        var (journaled, torn) = await ShardJournalFormat.Read(await store.ReadJournalAsync(shard, segments, cancellationToken), rows._sealedRows, cancellationToken);
        foreach (var instance in journaled) rows.Append(instance);
        rows._durableRows = rows.Rows;
        if (torn) await store.WriteJournalAsync(shard, segments, rows.Frames(rows._sealedRows, rows.Rows), cancellationToken);
        foreach (var instance in tail) rows.Append(instance);
        return rows;
    }

    /// <summary>
    /// Makes every row appended so far durable: seals the tail's full segments (<see cref="SealAsync"/>), writes the journal of
    /// the segment now being filled afresh with the tail's stored rows if it sealed any, then appends the rows not yet stored to
    /// that journal. One call at a time; rows appended meanwhile wait for the next. After a failure the next call stores again
    /// what may not have been stored. Once the caller has recorded the new <see cref="Segments"/>, the journals of the segments
    /// sealed are obsolete (<see cref="DeleteJournalsAsync"/>).
    /// </summary>
    /// <returns>Segments sealed.</returns>
    public async Task<int> PersistAsync(CancellationToken cancellationToken = default)
    {
        var sealedBefore = Segments;
        while (CanSeal) await SealAsync(cancellationToken);
        if (Segments > sealedBefore)
            await _store.WriteJournalAsync(_shard, Segments, Frames(_sealedRows, Math.Max(_sealedRows, _durableRows)), cancellationToken);
        var from = Math.Max(_sealedRows, _durableRows);
        var to = Rows;
        for (var start = from; start < to;)
        {
            var end = Math.Min(to, start + ShardJournalFormat.RowsPerFrame(_dimension ?? 1));
            await _store.AppendJournalAsync(_shard, Segments, Frames(start, end), cancellationToken);
            _durableRows = start = end;
        }
        return Segments - sealedBefore;
    }

    /// <summary>Deletes the journals of segments <paramref name="from"/> to <paramref name="to"/> (exclusive): sealed, and counted by the caller's state.</summary>
    public async Task DeleteJournalsAsync(int from, int to, CancellationToken cancellationToken = default)
    {
        for (var segment = from; segment < to; segment++) await _store.DeleteJournalAsync(_shard, segment, cancellationToken);
    }

    /// <summary>The unsealed rows <paramref name="from"/> to <paramref name="to"/> (exclusive) as journal frames, one after the other.</summary>
    private byte[] Frames(int from, int to)
    {
        if (to <= from) return [];
        var perFrame = ShardJournalFormat.RowsPerFrame(_dimension ?? 1);
        using var frames = new MemoryStream();
        for (var start = from; start < to; start += perFrame)
            frames.Write(ShardJournalFormat.Frame(TailBlock(start, Math.Min(to, start + perFrame))));
        return frames.ToArray();
    }

    private static async Task<(string[] SopInstanceUids, int Dimension)> ReadIndexAsync(IShardSegmentStore store, string shard, int segment, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(shard, segment, cancellationToken);
        return await ShardSegmentFormat.ReadSopInstanceUidsAsync(stream, cancellationToken);
    }

    /// <summary>Live rows: distinct SOPInstanceUIDs.</summary>
    public int Count => _index.Count;

    /// <summary>Rows stored, replacement rows included: rows are numbered 0 to <see cref="Rows"/> − 1.</summary>
    public int Rows => _sealedRows + _tail.Count;

    /// <summary>Values per vector, once a row is stored.</summary>
    public int? Dimension => _dimension;

    /// <summary>Segments sealed.</summary>
    public int Segments => _segmentStarts.Count;

    /// <summary>The rows not yet sealed, in order.</summary>
    public IReadOnlyList<FeaturisedInstance> Tail => _tail;

    /// <summary>Whether the tail holds a segment's worth of rows, so <see cref="SealAsync"/> would seal one.</summary>
    public bool CanSeal => _tail.Count >= _segmentSize;

    /// <summary>Whether a live row holds <paramref name="sopInstanceUid"/>.</summary>
    public bool Contains(string sopInstanceUid) => _index.ContainsKey(sopInstanceUid);

    /// <summary>The live row of <paramref name="sopInstanceUid"/>, or −1.</summary>
    public int RowOf(string sopInstanceUid) => _index.GetValueOrDefault(sopInstanceUid, -1);

    /// <summary>The live row of each SOPInstanceUID (for drawing samples: pick rows here, then <see cref="ReadRowsAsync"/>).</summary>
    public IReadOnlyDictionary<string, int> RowsBySopInstanceUid => _index;

    /// <summary>Whether row <paramref name="row"/> exists and is a SOPInstanceUID's live row, not a replacement row.</summary>
    public bool IsLive(int row) => row >= 0 && row < Rows && !_replacements.Contains(row);

    /// <summary>Appends a row to the tail; for a SOPInstanceUID already held, it replaces the content of that live row.</summary>
    /// <exception cref="ArgumentException">The vector's length differs from the shard's.</exception>
    public void Append(FeaturisedInstance instance)
    {
        if (_dimension is { } dimension && instance.Fused.Length != dimension)
            throw new ArgumentException($"a vector of {instance.Fused.Length} values cannot join a shard of {dimension}-value vectors", nameof(instance));
        _dimension = instance.Fused.Length;
        Index(instance.SopInstanceUid, Rows);
        _tail.Add(instance);
    }

    /// <summary>
    /// Seals the tail's first segment's worth of rows, if it has them: writes them as segment <see cref="Segments"/>, then moves
    /// them out of the tail. Completes once the segment is stored, so the caller persists <see cref="Segments"/> and
    /// <see cref="Tail"/> after it; rows appended meanwhile stay in the tail. One seal at a time.
    /// </summary>
    /// <returns>Whether a segment was sealed.</returns>
    public async Task<bool> SealAsync(CancellationToken cancellationToken = default)
    {
        if (_sealing) throw new InvalidOperationException($"shard '{_shard}' is already sealing a segment");
        if (!CanSeal) return false;
        _sealing = true;
        try
        {
            var first = _sealedRows;
            var block = ShardBlock.Of(_tail.GetRange(0, _segmentSize), first);
            await _store.WriteAsync(_shard, Segments, ShardSegmentFormat.Encode(block), cancellationToken);
            _cache.Add(Segments, block);
            _segmentStarts.Add(first);
            _sealedRows += _segmentSize;
            _tail.RemoveRange(0, _segmentSize);
            return true;
        }
        finally
        {
            _sealing = false;
        }
    }

    /// <summary>
    /// The live rows of <paramref name="fromRow"/> to <paramref name="toRow"/> (exclusive, capped at <see cref="Rows"/> when the
    /// scan begins), in row order, with their newest content, as blocks of consecutive live rows: a sealed segment is read when
    /// reached and dropped when passed, then the tail follows in segment-sized blocks. A block is split at replacement rows.
    /// </summary>
    public async IAsyncEnumerable<ShardBlock> ScanAsync(int fromRow = 0, int toRow = int.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var end = Math.Min(toRow, Rows);
        var row = Math.Max(0, fromRow);
        while (row < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (source, rented) = row < _sealedRows ? await ScannedSegmentAsync(SegmentOf(row), cancellationToken) : (TailBlock(row, Math.Min(end, row + _segmentSize)), null);
            try
            {
                var stop = (int)Math.Min(end, source.FirstRow + source.Rows);
                foreach (var run in LiveRuns(source, row, stop)) yield return await WithNewestAsync(run, cancellationToken);
                row = stop;
            }
            finally
            {
                // The consumer is past the block (or stopped): its vectors go back to the pool.
                if (rented is not null) ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Live row <paramref name="row"/> with its newest content, or null if it is no live row; reads (and caches) the segment
    /// holding that content if sealed.
    /// </summary>
    public async Task<FeaturisedInstance?> GetAsync(int row, CancellationToken cancellationToken = default) =>
        IsLive(row) ? await StoredAsync(_newest.GetValueOrDefault(row, row), cancellationToken) : null;

    /// <summary>
    /// The live rows among <paramref name="rows"/>, in row order, with their newest content, each sealed segment holding some of
    /// them read once (and not cached); rows that are no live row are left out.
    /// </summary>
    public async IAsyncEnumerable<(int Row, FeaturisedInstance Instance)> ReadRowsAsync(IEnumerable<int> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ShardBlock? segment = null;
        foreach (var row in rows.Distinct().Order())
        {
            if (!IsLive(row)) continue;
            if (_newest.TryGetValue(row, out var newest))
            {
                yield return (row, await StoredAsync(newest, cancellationToken));
                continue;
            }
            if (row >= _sealedRows)
            {
                yield return (row, _tail[row - _sealedRows]);
                continue;
            }
            if (segment is null || row >= segment.FirstRow + segment.Rows) segment = await SegmentAsync(SegmentOf(row), cache: false, cancellationToken);
            yield return (row, segment.Instance((int)(row - segment.FirstRow)));
        }
    }

    /// <summary>The live row of <paramref name="sopInstanceUid"/>, or null.</summary>
    public Task<FeaturisedInstance?> GetAsync(string sopInstanceUid, CancellationToken cancellationToken = default) =>
        _index.TryGetValue(sopInstanceUid, out var row) ? GetAsync(row, cancellationToken) : Task.FromResult<FeaturisedInstance?>(null);

    private void Index(string sopInstanceUid, int row)
    {
        if (_index.TryGetValue(sopInstanceUid, out var live))
        {
            _replacements.Add(row);
            _newest[live] = row;
        }
        else
        {
            _index[sopInstanceUid] = row;
        }
    }

    /// <summary>The content stored at <paramref name="row"/> (live or replacement), through the cache.</summary>
    private async Task<FeaturisedInstance> StoredAsync(int row, CancellationToken cancellationToken)
    {
        if (row >= _sealedRows) return _tail[row - _sealedRows];
        var segment = await SegmentAsync(SegmentOf(row), cache: true, cancellationToken);
        return segment.Instance((int)(row - segment.FirstRow));
    }

    /// <summary>The run itself, or a copy with the newest content of its replaced rows.</summary>
    private async Task<ShardBlock> WithNewestAsync(ShardBlock run, CancellationToken cancellationToken)
    {
        if (_newest.Count == 0) return run;
        List<FeaturisedInstance>? rows = null;
        for (var i = 0; i < run.Rows; i++)
        {
            if (!_newest.TryGetValue((int)run.FirstRow + i, out var newest)) continue;
            rows ??= Enumerable.Range(0, run.Rows).Select(run.Instance).ToList();
            rows[i] = await StoredAsync(newest, cancellationToken);
        }
        return rows is null ? run : ShardBlock.Of(rows, run.FirstRow);
    }

    private int SegmentOf(int row)
    {
        var found = _segmentStarts.BinarySearch(row);
        return found >= 0 ? found : ~found - 1;
    }

    private async Task<ShardBlock> SegmentAsync(int segment, bool cache, CancellationToken cancellationToken)
    {
        if (_cache.Find(segment) is { } cached) return cached;
        var (block, _) = await ReadSegmentAsync(segment, pooled: false, cancellationToken);
        if (cache) _cache.Add(segment, block);
        return block;
    }

    /// <summary>A segment for a scan: the cached copy, or one read with pooled vectors that the scan returns once past it.</summary>
    private async Task<(ShardBlock Block, float[]? Rented)> ScannedSegmentAsync(int segment, CancellationToken cancellationToken) =>
        _cache.Find(segment) is { } cached ? (cached, null) : await ReadSegmentAsync(segment, pooled: true, cancellationToken);

    private async Task<(ShardBlock Block, float[]? Rented)> ReadSegmentAsync(int segment, bool pooled, CancellationToken cancellationToken)
    {
        var first = _segmentStarts[segment];
        (ShardBlock Block, float[]? Rented) read;
        await using (var stream = await _store.OpenReadAsync(_shard, segment, cancellationToken))
            read = await ShardSegmentFormat.ReadAsync(stream, first, pooled, cancellationToken);
        var expected = (segment + 1 < _segmentStarts.Count ? _segmentStarts[segment + 1] : _sealedRows) - first;
        if (read.Block.Rows != expected)
        {
            if (read.Rented is not null) ArrayPool<float>.Shared.Return(read.Rented);
            throw new InvalidDataException($"segment {segment} of shard '{_shard}' holds {read.Block.Rows} rows, not the {expected} it was sealed with");
        }
        return read;
    }

    private ShardBlock TailBlock(int from, int to) => ShardBlock.Of(_tail.GetRange(from - _sealedRows, to - from), from);

    private IEnumerable<ShardBlock> LiveRuns(ShardBlock source, int from, int to)
    {
        var run = from;
        for (var row = from; row <= to; row++)
        {
            if (row < to && !_replacements.Contains(row)) continue;
            if (row > run) yield return Slice(source, run, row);
            run = row + 1;
        }
    }

    private static ShardBlock Slice(ShardBlock source, int from, int to)
    {
        var offset = (int)(from - source.FirstRow);
        var rows = to - from;
        if (offset == 0 && rows == source.Rows) return source;
        var d = source.Dimension;
        return new ShardBlock
        {
            FirstRow = from,
            Rows = rows,
            Dimension = d,
            Vectors = source.Vectors.Slice(offset * d, rows * d),
            SopInstanceUids = source.SopInstanceUids[offset..(offset + rows)],
            StudyInstanceUids = source.StudyInstanceUids[offset..(offset + rows)],
            Modalities = source.Modalities[offset..(offset + rows)],
            Regions = source.Regions[offset..(offset + rows)],
            Manufacturers = source.Manufacturers[offset..(offset + rows)],
            HasReport = source.HasReport[offset..(offset + rows)],
        };
    }
}

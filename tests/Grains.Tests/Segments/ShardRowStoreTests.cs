using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Tests.Segments;

public sealed class ShardRowStoreTests : IDisposable
{
    private const int Dimension = 6;
    private const string Shard = "test/1";
    private readonly ScratchFolder _folder = new();
    private readonly CountingStore _store;

    public ShardRowStoreTests() => _store = new CountingStore(new FileShardSegmentStore(_folder.Path));

    public void Dispose() => _folder.Dispose();

    private Task<ShardRowStore> Open(int segments = 0, IEnumerable<FeaturisedInstance>? tail = null, int segmentSize = 4) =>
        ShardRowStore.OpenAsync(_store, Shard, segments, tail ?? [], segmentSize);

    private static async Task<List<(long Row, FeaturisedInstance Instance)>> Scan(ShardRowStore rows, int from = 0, int to = int.MaxValue)
    {
        var read = new List<(long, FeaturisedInstance)>();
        await foreach (var block in rows.ScanAsync(from, to))
            for (var i = 0; i < block.Rows; i++) read.Add((block.FirstRow + i, block.Instance(i)));
        return read;
    }

    private static async Task<ShardRowStore> SealAll(ShardRowStore rows)
    {
        while (await rows.SealAsync()) { }
        return rows;
    }

    [Fact]
    public async Task Appended_rows_seal_into_segments_and_scan_and_read_back_in_order()
    {
        var added = Enumerable.Range(0, 10).Select(i => SegmentRows.Row(i, Dimension)).ToList();
        var rows = await Open();
        foreach (var instance in added) rows.Append(instance);
        Assert.True(rows.CanSeal);
        await SealAll(rows);

        Assert.Equal((10, 10, 2, 2), (rows.Count, rows.Rows, rows.Segments, rows.Tail.Count));
        Assert.Equal(2, Directory.EnumerateFiles(_folder.Path, "*.arrows", SearchOption.AllDirectories).Count());
        var scanned = await Scan(rows);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), scanned.Select(r => r.Row));
        for (var i = 0; i < 10; i++) SegmentRows.AssertSame(added[i], scanned[i].Instance);
        Assert.Equal(Enumerable.Range(3, 6).Select(i => (long)i), (await Scan(rows, 3, 9)).Select(r => r.Row));
        for (var i = 0; i < 10; i++)
        {
            SegmentRows.AssertSame(added[i], await rows.GetAsync(i));
            SegmentRows.AssertSame(added[i], await rows.GetAsync(added[i].SopInstanceUid));
        }
        Assert.Null(await rows.GetAsync(-1));
        Assert.Null(await rows.GetAsync(10));
        Assert.Null(await rows.GetAsync("2.25.unknown"));
    }

    [Fact]
    public async Task A_scan_holds_segment_blocks_of_sealed_rows_then_the_tail()
    {
        var rows = await Open(segmentSize: 4);
        for (var i = 0; i < 11; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await SealAll(rows);
        var blocks = new List<(long First, int Rows)>();
        await foreach (var block in rows.ScanAsync()) blocks.Add((block.FirstRow, block.Rows));
        Assert.Equal([(0, 4), (4, 4), (8, 3)], blocks);
    }

    [Fact]
    public async Task A_reopened_store_rebuilds_its_index_from_the_segments_and_the_tail()
    {
        var added = Enumerable.Range(0, 13).Select(i => SegmentRows.Row(i, Dimension)).ToList();
        var rows = await Open();
        foreach (var instance in added) rows.Append(instance);
        await SealAll(rows);

        var reopened = await Open(rows.Segments, rows.Tail.ToList());
        Assert.Equal((rows.Count, rows.Rows, rows.Segments, rows.Dimension), (reopened.Count, reopened.Rows, reopened.Segments, reopened.Dimension));
        Assert.Equal(rows.Tail, reopened.Tail);
        Assert.Equal((await Scan(rows)).Select(r => (r.Row, r.Instance.SopInstanceUid)), (await Scan(reopened)).Select(r => (r.Row, r.Instance.SopInstanceUid)));
        SegmentRows.AssertSame(added[5], await reopened.GetAsync("2.25.5"));

        // A segment stored beyond the counted ones (its state write failed) is ignored, then overwritten by the next seal.
        var counted = await Open(1, added.Skip(4));
        Assert.Equal((1, 13, 9), (counted.Segments, counted.Rows, counted.Tail.Count));
        await counted.SealAsync();
        Assert.Equal(added.Skip(4).Take(4).Select(i => i.SopInstanceUid), (await Scan(counted, 4, 8)).Select(r => r.Instance.SopInstanceUid));
    }

    [Fact]
    public async Task A_readded_uid_keeps_its_row_with_its_newest_content_and_scans_yield_each_uid_once()
    {
        var rows = await Open();
        for (var i = 0; i < 4; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await rows.SealAsync();
        var newer = SegmentRows.Row(1, Dimension, seed: 9);
        var newest4 = SegmentRows.Row(4, Dimension, seed: 3);
        rows.Append(newer);
        rows.Append(SegmentRows.Row(4, Dimension));
        rows.Append(SegmentRows.Row(4, Dimension, seed: 2));
        rows.Append(SegmentRows.Row(5, Dimension));
        rows.Append(newest4);

        Assert.Equal((6, 9), (rows.Count, rows.Rows));
        var scanned = await Scan(rows);
        Assert.Equal(["2.25.0", "2.25.1", "2.25.2", "2.25.3", "2.25.4", "2.25.5"], scanned.Select(r => r.Instance.SopInstanceUid));
        Assert.Equal([0L, 1, 2, 3, 5, 7], scanned.Select(r => r.Row));
        SegmentRows.AssertSame(newer, scanned[1].Instance);
        SegmentRows.AssertSame(newest4, scanned[4].Instance);
        SegmentRows.AssertSame(newer, await rows.GetAsync(1));
        Assert.Null(await rows.GetAsync(4));
        Assert.False(rows.IsLive(6));
        SegmentRows.AssertSame(newer, await rows.GetAsync("2.25.1"));
        Assert.Equal(1, rows.RowOf("2.25.1"));

        // Sealed: the replaced row's newest content now comes from a later segment.
        await SealAll(rows);
        var reopened = await Open(rows.Segments, rows.Tail.ToList());
        Assert.Equal(6, reopened.Count);
        var rescanned = await Scan(reopened);
        Assert.Equal(scanned.Select(r => (r.Row, r.Instance.SopInstanceUid)), rescanned.Select(r => (r.Row, r.Instance.SopInstanceUid)));
        SegmentRows.AssertSame(newer, rescanned[1].Instance);
        SegmentRows.AssertSame(newest4, rescanned[4].Instance);
        SegmentRows.AssertSame(newer, await reopened.GetAsync("2.25.1"));
        var read = new List<(int Row, FeaturisedInstance Instance)>();
        await foreach (var row in reopened.ReadRowsAsync([1, 4, 5])) read.Add(row);
        Assert.Equal([1, 5], read.Select(r => r.Row));
        SegmentRows.AssertSame(newer, read[0].Instance);
        SegmentRows.AssertSame(newest4, read[1].Instance);
    }

    [Fact]
    public async Task A_scan_that_interleaves_with_appends_and_seals_reads_the_rows_stored_when_it_began_once()
    {
        var rows = await Open();
        for (var i = 0; i < 6; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await rows.SealAsync();
        var seen = new List<string>();
        var appended = false;
        await foreach (var block in rows.ScanAsync())
        {
            seen.AddRange(block.SopInstanceUids);
            if (appended) continue;
            appended = true;
            for (var i = 6; i < 12; i++) rows.Append(SegmentRows.Row(i, Dimension));
            await SealAll(rows);
        }
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"2.25.{i}"), seen);
        Assert.Equal(3, rows.Segments);
    }

    [Fact]
    public async Task Lookups_read_a_segment_once_while_it_is_among_the_few_cached()
    {
        var rows = await Open();
        for (var i = 0; i < 16; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await SealAll(rows);
        var reopened = await Open(rows.Segments, []);
        var opened = _store.Opened;

        for (var i = 0; i < 4; i++) await reopened.GetAsync(i);
        Assert.Equal(opened + 1, _store.Opened);
        await reopened.GetAsync(4);
        await reopened.GetAsync(0);
        Assert.Equal(opened + 2, _store.Opened);
        await reopened.GetAsync(8);
        await reopened.GetAsync(12);
        await reopened.GetAsync(0);
        Assert.Equal(opened + 5, _store.Opened);
    }

    [Fact]
    public async Task Chosen_rows_read_back_in_row_order_each_segment_read_once()
    {
        var rows = await Open();
        for (var i = 0; i < 15; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await SealAll(rows);
        var reopened = await Open(rows.Segments, rows.Tail.ToList());
        var opened = _store.Opened;

        var chosen = new[] { 13, 1, 5, 3, 7, 1, 99, -1, reopened.RowsBySopInstanceUid["2.25.2"] };
        var read = new List<(int Row, FeaturisedInstance Instance)>();
        await foreach (var row in reopened.ReadRowsAsync(chosen)) read.Add(row);

        Assert.Equal([1, 2, 3, 5, 7, 13], read.Select(r => r.Row));
        Assert.Equal(["2.25.1", "2.25.2", "2.25.3", "2.25.5", "2.25.7", "2.25.13"], read.Select(r => r.Instance.SopInstanceUid));
        SegmentRows.AssertSame(SegmentRows.Row(13, Dimension), read[^1].Instance);
        Assert.Equal(opened + 2, _store.Opened);
    }

    [Fact]
    public async Task A_seal_whose_write_fails_keeps_its_rows_in_the_tail()
    {
        var blocked = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllBytesAsync(blocked, [0]);
        var rows = await ShardRowStore.OpenAsync(new FileShardSegmentStore(blocked), Shard, 0, [], 4);
        for (var i = 0; i < 5; i++) rows.Append(SegmentRows.Row(i, Dimension));

        await Assert.ThrowsAnyAsync<IOException>(() => rows.SealAsync());
        Assert.Equal((0, 5, 5), (rows.Segments, rows.Tail.Count, rows.Count));
        Assert.Equal(5, (await Scan(rows)).Count);
    }

    [Fact]
    public async Task A_missing_segment_fails_the_open_and_a_vector_of_another_length_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Open(segments: 1));
        var rows = await Open();
        rows.Append(SegmentRows.Row(0, Dimension));
        Assert.Throws<ArgumentException>(() => rows.Append(SegmentRows.Row(1, Dimension + 1)));
    }

    /// <summary>The file store, counting the segments opened for reading.</summary>
    internal sealed class CountingStore(IShardSegmentStore inner) : IShardSegmentStore
    {
        public int Opened { get; private set; }

        public long JournalBytes { get; private set; }

        public Task AppendJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
        {
            JournalBytes += content.Length;
            return inner.AppendJournalAsync(shard, index, content, cancellationToken);
        }

        public Task WriteJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
        {
            JournalBytes += content.Length;
            return inner.WriteJournalAsync(shard, index, content, cancellationToken);
        }

        public Task<byte[]> ReadJournalAsync(string shard, int index, CancellationToken cancellationToken = default) => inner.ReadJournalAsync(shard, index, cancellationToken);

        public Task DeleteJournalAsync(string shard, int index, CancellationToken cancellationToken = default) => inner.DeleteJournalAsync(shard, index, cancellationToken);

        public Task WriteAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default) => inner.WriteAsync(shard, index, content, cancellationToken);

        public Task<byte[]> ReadAsync(string shard, int index, CancellationToken cancellationToken = default) => inner.ReadAsync(shard, index, cancellationToken);

        public Task<Stream> OpenReadAsync(string shard, int index, CancellationToken cancellationToken = default)
        {
            Opened++;
            return inner.OpenReadAsync(shard, index, cancellationToken);
        }
    }
}

using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>The journal that makes a shard's unsealed rows durable: reopening after <see cref="ShardRowStore.PersistAsync"/>, torn and repeated appends.</summary>
public sealed class ShardJournalTests : IDisposable
{
    private const int Dimension = 6;
    private const string Shard = "test/1";
    private readonly ScratchFolder _folder = new();
    private readonly ShardRowStoreTests.CountingStore _store;

    public ShardJournalTests() => _store = new ShardRowStoreTests.CountingStore(new FileShardSegmentStore(_folder.Path));

    public void Dispose() => _folder.Dispose();

    private Task<ShardRowStore> Open(int segments = 0) => ShardRowStore.OpenAsync(_store, Shard, segments, [], segmentSize: 4);

    private static async Task<List<string>> Uids(ShardRowStore rows)
    {
        var uids = new List<string>();
        await foreach (var block in rows.ScanAsync()) uids.AddRange(block.SopInstanceUids);
        return uids;
    }

    private string JournalFile(int segment) => Path.Combine(_folder.Path, FileShardSegmentStore.FileName(Shard), $"{segment:D6}.journal");

    [Fact]
    public async Task Persisted_rows_reopen_from_segments_and_journal_and_each_persist_stores_only_its_new_rows()
    {
        var added = Enumerable.Range(0, 11).Select(i => SegmentRows.Row(i, Dimension)).ToList();
        var rows = await Open();
        var journaled = new List<long>();
        for (var i = 0; i < added.Count; i++)
        {
            rows.Append(added[i]);
            var before = _store.JournalBytes;
            var sealedNow = await rows.PersistAsync();
            journaled.Add(_store.JournalBytes - before);
            // A seal rewrites the new journal with the rows past the segment (none here: the tail is sealed as soon as it is full).
            Assert.Equal(i % 4 == 3 ? 1 : 0, sealedNow);
        }
        Assert.Equal((2, 3), (rows.Segments, rows.Tail.Count));
        // One row's frame per persist: the cost of a commit does not grow with the tail.
        Assert.True(journaled.Max() < 2 * journaled.Where(b => b > 0).Min(), string.Join(", ", journaled));

        var reopened = await Open(rows.Segments);
        Assert.Equal(added.Select(a => a.SopInstanceUid), await Uids(reopened));
        Assert.Equal((11, 3), (reopened.Rows, reopened.Tail.Count));
        SegmentRows.AssertSame(added[9], await reopened.GetAsync(added[9].SopInstanceUid));

        // The journals of the two sealed segments are obsolete once a state counts the segments.
        Assert.True(File.Exists(JournalFile(0)));
        await reopened.DeleteJournalsAsync(0, 2);
        Assert.False(File.Exists(JournalFile(0)) || File.Exists(JournalFile(1)));
        Assert.Equal(added.Select(a => a.SopInstanceUid), await Uids(await Open(2)));
    }

    [Fact]
    public async Task Each_seal_starts_the_next_journal_and_a_state_counting_fewer_segments_reads_what_was_acknowledged_before_them()
    {
        var rows = await Open();
        for (var i = 0; i < 3; i++) rows.Append(SegmentRows.Row(i, Dimension));
        await rows.PersistAsync();
        rows.Append(SegmentRows.Row(3, Dimension));
        rows.Append(SegmentRows.Row(4, Dimension));
        await rows.PersistAsync();
        for (var i = 5; i < 10; i++) rows.Append(SegmentRows.Row(i, Dimension));
        Assert.Equal(1, await rows.PersistAsync());

        var reopened = await Open(2);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => SegmentRows.Row(i, Dimension).SopInstanceUid), await Uids(reopened));
        Assert.Equal(2, reopened.Tail.Count);
        // A state whose write failed after the last seal still counts one segment, whose journal holds row 4 (rows 5 to 9 were
        // not acknowledged: the write that failed was theirs). One that never counted a segment reads rows 0 to 2.
        Assert.Equal(5, (await Open(1)).Rows);
        Assert.Equal(3, (await Open(0)).Rows);
    }

    [Fact]
    public async Task A_torn_last_append_is_dropped_and_rewritten_and_a_repeated_append_counts_its_rows_once()
    {
        var rows = await Open();
        rows.Append(SegmentRows.Row(0, Dimension));
        await rows.PersistAsync();
        rows.Append(SegmentRows.Row(1, Dimension));
        await rows.PersistAsync();
        var whole = await File.ReadAllBytesAsync(JournalFile(0));

        // A retried append that had in fact succeeded repeats row 1's frame.
        var frameOfRow1 = ShardJournalFormat.Frame(ShardBlock.Of([SegmentRows.Row(1, Dimension)], 1));
        var repeated = whole.Concat(frameOfRow1).ToArray();
        var (once, torn) = await ShardJournalFormat.Read(repeated, 0);
        Assert.Equal(["2.25.0", "2.25.1"], once.Select(r => r.SopInstanceUid));
        Assert.False(torn);

        // The process died half-way through a third append.
        var third = ShardJournalFormat.Frame(ShardBlock.Of([SegmentRows.Row(2, Dimension)], 2));
        await File.WriteAllBytesAsync(JournalFile(0), [.. whole, .. third.AsSpan(0, third.Length - 5)]);
        var reopened = await Open();
        Assert.Equal(["2.25.0", "2.25.1"], await Uids(reopened));
        var (rewritten, stillTorn) = await ShardJournalFormat.Read(await File.ReadAllBytesAsync(JournalFile(0)), 0);
        Assert.Equal((2, false), (rewritten.Count, stillTorn));

        // Appending after the rewrite leaves a readable journal.
        reopened.Append(SegmentRows.Row(3, Dimension));
        await reopened.PersistAsync();
        Assert.Equal(["2.25.0", "2.25.1", "2.25.3"], await Uids(await Open()));
    }

    [Fact]
    public async Task A_corrupt_frame_before_the_last_fails_the_open()
    {
        var rows = await Open();
        rows.Append(SegmentRows.Row(0, Dimension));
        await rows.PersistAsync();
        rows.Append(SegmentRows.Row(1, Dimension));
        await rows.PersistAsync();
        var journal = await File.ReadAllBytesAsync(JournalFile(0));
        journal[20] ^= 0xFF;
        await File.WriteAllBytesAsync(JournalFile(0), journal);
        await Assert.ThrowsAsync<InvalidDataException>(() => Open());
    }
}

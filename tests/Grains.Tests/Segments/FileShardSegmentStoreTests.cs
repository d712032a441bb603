using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Tests.Segments;

public sealed class FileShardSegmentStoreTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_segment_reads_back_whole_and_streamed_and_a_rewrite_replaces_it()
    {
        var store = new FileShardSegmentStore(_folder.Path);
        await store.WriteAsync("model/3", 0, [1, 2, 3]);
        await store.WriteAsync("model/3", 1, [4]);
        await store.WriteAsync("model/3", 0, [5, 6]);

        Assert.Equal(new byte[] { 5, 6 }, await store.ReadAsync("model/3", 0));
        await using var stream = await store.OpenReadAsync("model/3", 1);
        var streamed = new MemoryStream();
        await stream.CopyToAsync(streamed);
        Assert.Equal(new byte[] { 4 }, streamed.ToArray());
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_missing_segment_is_an_invalid_operation_naming_only_shard_and_index()
    {
        var store = new FileShardSegmentStore(_folder.Path);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenReadAsync("model/0", 7));
        Assert.Contains("segment 7 of shard 'model/0'", missing.Message);
        await store.WriteAsync("model/0", 0, [1]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync("model/0", 1));
    }

    [Fact]
    public async Task Shard_keys_become_distinct_safe_folder_names()
    {
        var store = new FileShardSegmentStore(_folder.Path);
        string[] keys = ["a/1", "a%2F1", "a_1", "../x", ".", "", "Ü/2"];
        for (var i = 0; i < keys.Length; i++) await store.WriteAsync(keys[i], 0, [(byte)i]);

        var folders = Directory.GetDirectories(_folder.Path).Select(Path.GetFileName).ToList();
        Assert.Equal(keys.Length, folders.Count);
        Assert.All(folders, f => Assert.Matches("^[A-Za-z0-9_%-]+$", f));
        Assert.Contains("a%2F1", folders);
        for (var i = 0; i < keys.Length; i++) Assert.Equal(new[] { (byte)i }, await store.ReadAsync(keys[i], 0));
    }

    [Fact]
    public async Task A_reader_racing_rewrites_sees_one_whole_version_never_a_part()
    {
        var store = new FileShardSegmentStore(_folder.Path);
        byte[] small = Enumerable.Repeat((byte)0xAA, 1 << 20).ToArray();
        byte[] large = Enumerable.Repeat((byte)0xBB, 3 << 20).ToArray();
        await store.WriteAsync("s/0", 0, small);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var content = await store.ReadAsync("s/0", 0);
                var expected = content.Length == small.Length ? small : large;
                Assert.True(content.AsSpan().SequenceEqual(expected), $"a read of {content.Length} bytes saw a partial segment");
                reads++;
            }
        });
        for (var i = 0; i < 40; i++) await store.WriteAsync("s/0", 0, i % 2 == 0 ? large : small);
        await stop.CancelAsync();
        await reader;
        Assert.True(reads > 0);
    }
}

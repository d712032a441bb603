using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Tests.Segments;

public sealed class SegmentFolderLeaseTests : IDisposable
{
    private readonly ScratchFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_folder_lives_while_any_silo_of_its_cluster_holds_it_and_goes_with_the_last()
    {
        var first = SegmentFolderLease.Acquire(_root.Path, "cluster-a");
        var second = SegmentFolderLease.Acquire(_root.Path, "cluster-a");
        var other = SegmentFolderLease.Acquire(_root.Path, "cluster-b");
        Assert.Equal(first.Folder, second.Folder);
        Assert.NotEqual(first.Folder, other.Folder);
        Assert.StartsWith(_root.Path, first.Folder);
        await new FileShardSegmentStore(first.Folder).WriteAsync("m/0", 0, [1]);
        await new FileShardSegmentStore(other.Folder).WriteAsync("m/0", 0, [2]);

        first.Dispose();
        first.Dispose();
        Assert.True(Directory.Exists(second.Folder));
        second.Dispose();
        Assert.False(Directory.Exists(second.Folder));
        Assert.True(Directory.Exists(other.Folder));
        other.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Path));
    }

    [Fact]
    public void The_folder_of_a_process_that_no_longer_runs_is_swept_and_a_running_ones_kept()
    {
        // Process ids are below 2^22 on Linux; int.MaxValue is none. This test's own process id runs.
        var abandoned = Directory.CreateDirectory(Path.Combine(_root.Path, $"radnet-segments-{int.MaxValue}-0123")).FullName;
        var running = Directory.CreateDirectory(Path.Combine(_root.Path, $"radnet-segments-{Environment.ProcessId}-4567")).FullName;
        File.WriteAllBytes(Path.Combine(abandoned, "x"), [1]);

        using var lease = SegmentFolderLease.Acquire(_root.Path, "c");
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(running));
    }
}

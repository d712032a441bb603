namespace RadiologyNet.Grains.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_changes_share_one_write_and_writes_never_overlap()
    {
        var writes = 0;
        var inFlight = 0;
        var maxInFlight = 0;
        var commit = new GroupCommit(async () =>
        {
            maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
            await Task.Delay(50);
            Interlocked.Decrement(ref inFlight);
            writes++;
        }, TimeSpan.FromMilliseconds(500));

        // Ten changes within the batching delay: one write.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => commit.Persist()).ToList());
        Assert.Equal(1, writes);

        Assert.Equal(1, maxInFlight);
    }

    [Fact]
    public async Task A_change_made_during_a_write_gets_a_second_write_that_starts_after_the_first()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var writes = 0;
        var commit = new GroupCommit(async () =>
        {
            if (Interlocked.Increment(ref writes) == 1)
            {
                started.SetResult();
                await release.Task;
            }
        }, TimeSpan.Zero);

        var first = commit.Persist();
        await started.Task;                     // the first write is running and blocked
        var second = commit.Persist();
        Assert.NotSame(first, second);
        await Task.Delay(100);
        Assert.Equal(1, writes);                // the second write waits for the first
        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task Every_call_without_a_delay_still_gets_a_write_that_starts_after_it()
    {
        var writes = 0;
        var commit = new GroupCommit(() =>
        {
            writes++;
            return Task.CompletedTask;
        }, TimeSpan.Zero);
        await commit.Persist();
        await commit.Persist();
        await commit.Persist();
        Assert.Equal(3, writes);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_write_still_runs()
    {
        var attempts = 0;
        var commit = new GroupCommit(() => ++attempts == 1 ? Task.FromException(new IOException("storage down")) : Task.CompletedTask, TimeSpan.Zero);
        await Assert.ThrowsAsync<IOException>(() => commit.Persist());
        await commit.Persist();
        Assert.Equal(2, attempts);
    }
}

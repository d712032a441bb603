namespace RadiologyNet.Grains;

/// <summary>
/// Batches the writes of a grain whose calls interleave: every caller that changed the state awaits the next write,
/// which starts after a short delay and after the previous write finished, so many concurrent changes cost one
/// storage write and writes never overlap (which would fail the storage's ETag check). A failed write fails only
/// its own callers; the next write carries their changes again.
/// </summary>
public sealed class GroupCommit(Func<Task> write, TimeSpan delay)
{
    private readonly Lock _gate = new();
    private Task _lastWrite = Task.CompletedTask;
    private Task? _next;

    /// <summary>A task that completes when a write begun after this call has finished.</summary>
    public Task Persist()
    {
        lock (_gate)
        {
            if (_next is not null) return _next;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _next = done.Task;
            _ = RunAsync(_lastWrite, done);
            return done.Task;
        }
    }

    private async Task RunAsync(Task previous, TaskCompletionSource done)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay);
        try
        {
            await previous;
        }
        catch
        {
            // That write's callers saw its failure.
        }

        Task current;
        lock (_gate)
        {
            // Changes made from here on wait for the next write, which starts after this one.
            _next = null;
            try
            {
                current = write();
            }
            catch (Exception e)
            {
                current = Task.FromException(e);
            }
            _lastWrite = current;
        }
        try
        {
            await current;
            done.SetResult();
        }
        catch (Exception e)
        {
            done.SetException(e);
        }
    }
}

using System.Collections.Concurrent;
using RadiologyNet.Grains.Featurisation;

namespace RadiologyNet.Grains.Tests.Featurisation;

/// <summary>The featuriser's bounded two-stage pipeline, with stand-in stages (no models).</summary>
public sealed class StagedPipelineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_caller_gets_its_own_result()
    {
        var released = 0;
        await using var pipeline = new StagedPipeline<int, int[], string>(
            async (x, _) => { await Task.Yield(); return [x, x * x]; },
            mid => $"{mid[0]}:{mid[1]}",
            _ => Interlocked.Increment(ref released),
            prepareWorkers: 3, inferWorkers: 2, capacity: 2);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => pipeline.RunAsync(i)));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{i}:{i * i}"), results);
        Assert.Equal(200, released);
    }

    [Fact]
    public async Task One_worker_per_stage_keeps_submission_order()
    {
        var inferred = new ConcurrentQueue<int>();
        await using var pipeline = new StagedPipeline<int, int, int>((x, _) => ValueTask.FromResult(x), x => { inferred.Enqueue(x); return x; }, null, 1, 1, 3);
        var accepted = new List<Task<int>>();
        for (var i = 0; i < 50; i++) accepted.Add(await pipeline.EnqueueAsync(i));
        await Task.WhenAll(accepted);
        Assert.Equal(Enumerable.Range(0, 50), inferred);
    }

    [Fact]
    public async Task A_full_first_queue_makes_callers_wait()
    {
        // Two decode workers stuck on their items, a queue of 3: exactly 2 + 3 items are accepted, the rest wait.
        using var gate = new ManualResetEventSlim();
        var started = 0;
        await using var pipeline = new StagedPipeline<int, int, int>(
            (x, _) => { Interlocked.Increment(ref started); gate.Wait(Patience); return ValueTask.FromResult(x); },
            x => x, null, prepareWorkers: 2, inferWorkers: 1, capacity: 3);
        var enqueues = Enumerable.Range(0, 20).Select(i => pipeline.EnqueueAsync(i).AsTask()).ToList();
        await WaitUntil(() => enqueues.Count(t => t.IsCompleted) >= 5 && Volatile.Read(ref started) == 2);
        await Task.Delay(200);
        Assert.Equal(5, enqueues.Count(t => t.IsCompleted));
        Assert.Equal(2, Volatile.Read(ref started));

        gate.Set();
        var results = await Task.WhenAll(await Task.WhenAll(enqueues));
        Assert.Equal(Enumerable.Range(0, 20), results.Order());
    }

    [Fact]
    public async Task A_full_second_queue_holds_back_decoding()
    {
        // Inference stuck: 1 item in the model, 2 in the tensor queue, 2 decoded by workers waiting to hand over, 2 queued.
        using var gate = new ManualResetEventSlim();
        var prepared = 0;
        await using var pipeline = new StagedPipeline<int, int, int>(
            (x, _) => { Interlocked.Increment(ref prepared); return ValueTask.FromResult(x); },
            x => { gate.Wait(Patience); return x; }, null, prepareWorkers: 2, inferWorkers: 1, capacity: 2);
        var enqueues = Enumerable.Range(0, 30).Select(i => pipeline.EnqueueAsync(i).AsTask()).ToList();
        await WaitUntil(() => enqueues.Count(t => t.IsCompleted) >= 7 && Volatile.Read(ref prepared) >= 5);
        await Task.Delay(200);
        Assert.Equal(5, Volatile.Read(ref prepared));
        Assert.Equal(7, enqueues.Count(t => t.IsCompleted));

        gate.Set();
        var results = await Task.WhenAll(await Task.WhenAll(enqueues));
        Assert.Equal(30, results.Distinct().Count());
    }

    [Fact]
    public async Task Failures_reach_their_own_caller_only()
    {
        var released = 0;
        await using var pipeline = new StagedPipeline<int, int, int>(
            (x, _) => x % 3 == 0 ? throw new QuarantineException($"not featurisable: blank {x}") : ValueTask.FromResult(x),
            x => x % 3 == 1 ? throw new QuarantineException($"internal error {x}") : x,
            _ => Interlocked.Increment(ref released), 2, 2, 2);
        var tasks = Enumerable.Range(0, 30).Select(i => pipeline.RunAsync(i)).ToList();
        for (var i = 0; i < 30; i++)
        {
            if (i % 3 == 2)
            {
                Assert.Equal(i, await tasks[i]);
                continue;
            }
            var e = await Assert.ThrowsAsync<QuarantineException>(() => tasks[i]);
            Assert.Equal(i % 3 == 0 ? $"not featurisable: blank {i}" : $"internal error {i}", e.Message);
        }
        Assert.Equal(20, released); // every item that left the first stage, failed in the second or not
    }

    [Fact]
    public async Task Cancelling_a_waiting_caller_leaves_the_queue_and_skips_its_item()
    {
        using var gate = new ManualResetEventSlim();
        var seen = new ConcurrentBag<int>();
        await using var pipeline = new StagedPipeline<int, int, int>(
            (x, _) => { seen.Add(x); gate.Wait(Patience); return ValueTask.FromResult(x); },
            x => x, null, prepareWorkers: 1, inferWorkers: 1, capacity: 1);
        var first = await pipeline.EnqueueAsync(0);
        await WaitUntil(() => seen.Contains(0));
        using var queuedCts = new CancellationTokenSource();
        var queued = await pipeline.EnqueueAsync(1, queuedCts.Token); // fills the one queue slot
        using var waitingCts = new CancellationTokenSource();
        var waiting = pipeline.EnqueueAsync(2, waitingCts.Token).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted); // back-pressure

        waitingCts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queuedCts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);

        gate.Set();
        Assert.Equal(0, await first);
        Assert.Equal(3, await pipeline.RunAsync(3));
        Assert.Equal(new[] { 0, 3 }, seen.Order()); // the cancelled items never reached a stage
    }

    [Fact]
    public async Task Cancellation_inside_a_stage_cancels_that_item()
    {
        await using var pipeline = new StagedPipeline<int, int, int>(
            async (x, ct) => { await Task.Delay(Timeout.Infinite, ct); return x; }, x => x, null, 1, 1, 1);
        using var cts = new CancellationTokenSource();
        var task = pipeline.RunAsync(1, cts.Token);
        cts.CancelAfter(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Disposing_finishes_queued_items_then_refuses_new_ones()
    {
        var pipeline = new StagedPipeline<int, int, int>(async (x, _) => { await Task.Delay(5); return x; }, x => -x, null, 1, 1, 4);
        var tasks = Enumerable.Range(0, 4).Select(i => pipeline.RunAsync(i)).ToList();
        await pipeline.DisposeAsync();
        Assert.Equal(new[] { 0, -1, -2, -3 }, await Task.WhenAll(tasks));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pipeline.RunAsync(5));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) throw new TimeoutException("condition not reached");
            await Task.Delay(10);
        }
    }
}

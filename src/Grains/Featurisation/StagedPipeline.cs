using System.Threading.Channels;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>
/// A two-stage work pipeline with bounded queues: <c>prepareWorkers</c> tasks run the first stage (reading,
/// decoding, preprocessing) while <c>inferWorkers</c> tasks run the second (inference) on earlier items, so the
/// stages overlap. Both queues hold at most <c>capacity</c> items; a caller whose item does not fit waits
/// (back-pressure) — nothing is ever dropped. Each caller awaits its own item's result, or the exception its
/// item raised in either stage. A caller's cancellation token cancels its wait for queue space, and an item
/// cancelled before a stage starts is skipped by that stage.
/// </summary>
/// <typeparam name="TIn">What a caller submits.</typeparam>
/// <typeparam name="TMid">What the first stage hands to the second (for example a pooled input tensor).</typeparam>
/// <typeparam name="TOut">What a caller gets back.</typeparam>
public sealed class StagedPipeline<TIn, TMid, TOut> : IAsyncDisposable
{
    private readonly Func<TIn, CancellationToken, ValueTask<TMid>> _prepare;
    private readonly Func<TMid, TOut> _infer;
    private readonly Action<TMid>? _release;
    private readonly Channel<Job> _prepareQueue;
    private readonly Channel<Job> _inferQueue;
    private readonly Task _prepareWorkers;
    private readonly Task _inferWorkers;
    private int _disposed;

    /// <summary>Starts the workers.</summary>
    /// <param name="prepare">First stage; may be asynchronous (reading bytes).</param>
    /// <param name="infer">Second stage; synchronous (an ONNX Runtime call).</param>
    /// <param name="release">Called once with every first-stage result after the second stage is done with it, or when it is abandoned (cancelled); may be null.</param>
    /// <param name="prepareWorkers">Concurrent first-stage workers (≥ 1).</param>
    /// <param name="inferWorkers">Concurrent second-stage workers (≥ 1).</param>
    /// <param name="capacity">Bound of each of the two queues (≥ 1).</param>
    public StagedPipeline(Func<TIn, CancellationToken, ValueTask<TMid>> prepare, Func<TMid, TOut> infer, Action<TMid>? release,
        int prepareWorkers, int inferWorkers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(infer);
        ArgumentOutOfRangeException.ThrowIfLessThan(prepareWorkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inferWorkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _prepare = prepare;
        _infer = infer;
        _release = release;
        _prepareQueue = Channel.CreateBounded<Job>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        _inferQueue = Channel.CreateBounded<Job>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        _prepareWorkers = Task.WhenAll(Enumerable.Range(0, prepareWorkers).Select(_ => Task.Run(PrepareLoop)))
            .ContinueWith(_ => _inferQueue.Writer.TryComplete(), TaskScheduler.Default);
        _inferWorkers = Task.WhenAll(Enumerable.Range(0, inferWorkers).Select(_ => Task.Run(InferLoop)));
    }

    /// <summary>Submits one item and awaits its result (waits first for queue space when the pipeline is full).</summary>
    public async Task<TOut> RunAsync(TIn input, CancellationToken cancellationToken = default)
    {
        var result = await EnqueueAsync(input, cancellationToken).ConfigureAwait(false);
        return await result.ConfigureAwait(false);
    }

    /// <summary>
    /// Submits one item: completes when the item has entered the first queue (so it waits while the queue is full)
    /// and yields the task of the item's result.
    /// </summary>
    public async ValueTask<Task<TOut>> EnqueueAsync(TIn input, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var job = new Job(input, cancellationToken);
        try
        {
            await _prepareQueue.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(GetType().Name);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(static j => ((Job)j!).Cancel(), job);
            _ = job.Result.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return job.Result.Task;
    }

    /// <summary>Items waiting for the first stage (submitted, not yet picked up by a worker).</summary>
    public int PrepareQueueLength => _prepareQueue.Reader.Count;

    /// <summary>Items done with the first stage and waiting for the second.</summary>
    public int InferQueueLength => _inferQueue.Reader.Count;

    /// <summary>Stops accepting items, lets the queued ones finish, and waits for the workers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _prepareQueue.Writer.TryComplete();
        await _prepareWorkers.ConfigureAwait(false);
        await _inferWorkers.ConfigureAwait(false);
    }

    private async Task PrepareLoop()
    {
        await foreach (var job in _prepareQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (job.Result.Task.IsCompleted) continue; // cancelled while queued
            TMid mid;
            try
            {
                mid = await _prepare(job.Input, job.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                job.Fail(e);
                continue;
            }
            job.Mid = mid;
            await _inferQueue.Writer.WriteAsync(job).ConfigureAwait(false); // never completed before this loop ends
        }
    }

    private async Task InferLoop()
    {
        await foreach (var job in _inferQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var mid = job.Mid!;
            try
            {
                if (job.Result.Task.IsCompleted) continue; // cancelled while queued
                job.Result.TrySetResult(_infer(mid));
            }
            catch (Exception e)
            {
                job.Fail(e);
            }
            finally
            {
                _release?.Invoke(mid);
            }
        }
    }

    private sealed class Job(TIn input, CancellationToken token)
    {
        public TIn Input { get; } = input;
        public CancellationToken Token { get; } = token;
        public TMid? Mid { get; set; }
        public TaskCompletionSource<TOut> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Cancel() => Result.TrySetCanceled(Token);

        public void Fail(Exception e)
        {
            if (e is OperationCanceledException && Token.IsCancellationRequested) Cancel();
            else Result.TrySetException(e);
        }
    }
}

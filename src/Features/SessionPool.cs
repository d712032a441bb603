using System.Collections.Concurrent;

namespace RadiologyNet.Features;

/// <summary>A fixed set of reusable workers (ONNX sessions with their buffers); callers borrow one at a time.</summary>
internal sealed class SessionPool<T> : IDisposable where T : class, IDisposable
{
    private readonly T[] _all;
    private readonly ConcurrentBag<T> _free;
    private readonly SemaphoreSlim _available;
    private int _disposed;

    public SessionPool(IEnumerable<T> items)
    {
        _all = items.ToArray();
        if (_all.Length == 0) throw new ArgumentException("a pool needs at least one session");
        _free = new ConcurrentBag<T>(_all);
        _available = new SemaphoreSlim(_all.Length, _all.Length);
    }

    /// <summary>Creates <paramref name="count"/> workers; if one fails, those already made are disposed.</summary>
    public static SessionPool<T> Create(int count, Func<T> create)
    {
        var workers = new List<T>(count);
        try
        {
            for (var i = 0; i < count; i++) workers.Add(create());
        }
        catch
        {
            foreach (var w in workers) w.Dispose();
            throw;
        }
        return new SessionPool<T>(workers);
    }

    public int Size => _all.Length;

    public T First => _all[0];

    public TResult Use<TResult>(Func<T, TResult> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _available.Wait();
        if (!_free.TryTake(out var item))
        {
            _available.Release();
            throw new InvalidOperationException("session pool is inconsistent");
        }
        try
        {
            return work(item);
        }
        finally
        {
            _free.Add(item);
            _available.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var item in _all) item.Dispose();
        _available.Dispose();
    }
}

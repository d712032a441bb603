using System.Reflection;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Silo.LoadTest;

/// <summary>
/// Wraps any storage interface (the shard segment store) and counts each call as one request and every byte array,
/// <see cref="ReadOnlyMemory{T}"/> of bytes or seekable stream it is handed as bytes written. Built by reflection so it keeps
/// counting whatever methods the interface grows.
/// </summary>
public class CountingProxy<T> : DispatchProxy where T : class
{
    private T _inner = null!;
    private LoadTestCounters _counters = null!;

    /// <summary>A counting wrapper of <paramref name="inner"/>.</summary>
    public static T Wrap(T inner, LoadTestCounters counters)
    {
        var proxy = Create<T, CountingProxy<T>>();
        var self = (CountingProxy<T>)(object)proxy;
        self._inner = inner;
        self._counters = counters;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        long bytes = 0;
        foreach (var arg in args ?? [])
        {
            bytes += arg switch
            {
                byte[] array => array.LongLength,
                ReadOnlyMemory<byte> memory => memory.Length,
                Memory<byte> memory => memory.Length,
                Stream { CanSeek: true } stream => stream.Length - stream.Position,
                _ => 0,
            };
        }
        _counters.Segment(bytes);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

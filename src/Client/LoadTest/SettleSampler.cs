using System.Diagnostics;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.LoadTest;

/// <summary>One sample: seconds since ingest began, instances settled, and this process's resident set then.</summary>
public sealed record SettleSample(double Seconds, long Settled, long RssBytes);

/// <summary>
/// Samples, every second while ingest runs, the instances settled (the coordinator's status) and this process's resident set,
/// and keeps the peak resident set of the whole run.
/// </summary>
public sealed class SettleSampler : IAsyncDisposable
{
    private readonly ICoordinatorGrain _coordinator;
    private readonly long _baseline;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<SettleSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakRss;

    /// <summary>Starts sampling.</summary>
    public SettleSampler(ICoordinatorGrain coordinator, long baseline)
    {
        _coordinator = coordinator;
        _baseline = baseline;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The samples so far.</summary>
    public IReadOnlyList<SettleSample> Samples
    {
        get
        {
            lock (_samples) return [.. _samples];
        }
    }

    /// <summary>The largest resident set seen (sampled, and the kernel's high-water mark).</summary>
    public long PeakRssBytes => Math.Max(Interlocked.Read(ref _peakRss), CurrentProcessPeak());

    /// <summary>Instances settled since the load test began (asks the coordinator now).</summary>
    public async Task<long> SettledAsync() => (await _coordinator.GetStatus()).Settled - _baseline;

    /// <summary>Takes a resident-set reading now (call between phases).</summary>
    public void ObserveMemory()
    {
        using var self = Process.GetCurrentProcess();
        var rss = self.WorkingSet64;
        long seen;
        while (rss > (seen = Interlocked.Read(ref _peakRss)) && Interlocked.CompareExchange(ref _peakRss, rss, seen) != seen) { }
    }

    private async Task LoopAsync()
    {
        // A timer rather than a delay after each reply, so a slow status reply under load does not stretch the interval.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var settled = await SettledAsync();
                ObserveMemory();
                using var self = Process.GetCurrentProcess();
                lock (_samples) _samples.Add(new SettleSample(Math.Round(_clock.Elapsed.TotalSeconds, 2), settled, self.WorkingSet64));
                await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // A slow status reply under load costs one sample, not the run.
            }
        }
    }

    private static long CurrentProcessPeak()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

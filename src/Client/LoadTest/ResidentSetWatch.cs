using System.Diagnostics;

namespace RadiologyNet.Client.LoadTest;

/// <summary>The largest resident set of this process during one stage of a load test.</summary>
public sealed record StagePeak(string Stage, long PeakRssBytes);

/// <summary>
/// Samples this process's resident set four times a second and keeps the largest per stage, so a report can say which
/// stage (ingest, a model-wide pass, a query, the scoring) sets the run's peak.
/// </summary>
public sealed class ResidentSetWatch : IAsyncDisposable
{
    private readonly List<StagePeak> _done = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private string? _stage;
    private long _peak;

    /// <summary>Starts sampling; nothing is attributed until the first <see cref="Enter"/>.</summary>
    public ResidentSetWatch() => _loop = Task.Run(LoopAsync);

    /// <summary>Closes the current stage and opens <paramref name="stage"/>.</summary>
    public void Enter(string stage)
    {
        lock (_gate)
        {
            Close();
            _stage = stage;
            _peak = 0;
        }
        Sample();
    }

    /// <summary>The stages closed so far, and the current one with its peak so far.</summary>
    public IReadOnlyList<StagePeak> Peaks
    {
        get
        {
            Sample();
            lock (_gate) return _stage is null ? [.. _done] : [.. _done, new StagePeak(_stage, _peak)];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private void Close()
    {
        if (_stage is not null) _done.Add(new StagePeak(_stage, _peak));
    }

    private void Sample()
    {
        using var self = Process.GetCurrentProcess();
        var rss = self.WorkingSet64;
        lock (_gate) _peak = Math.Max(_peak, rss);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}

using System.Diagnostics;
using RadiologyNet.Client.Annotation;
using Spectre.Console;

namespace RadiologyNet.Client.Output;

/// <summary>Shows an annotation run's progress: a live bar on a terminal, a line every few seconds otherwise.</summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with a progress reporter wired to the console.</summary>
    public static async Task<T> RunAsync<T>(Func<AnnotationRunner.ProgressReporter, Task<T>> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    return await work((stage, done, total) =>
                    {
                        if (!tasks.TryGetValue(stage, out var task)) tasks[stage] = task = ctx.AddTask(stage);
                        task.IsIndeterminate = total == 0; // a streamed stage whose total is not known yet
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = total == 0 ? 0 : done;
                    });
                });
        }

        var clock = Stopwatch.StartNew();
        TimeSpan? last = null;
        var shown = new Dictionary<string, (long Done, long Total)>();
        return await work((stage, done, total) =>
        {
            if (shown.GetValueOrDefault(stage, (-1, -1)) == (done, total)) return;
            if (done == total || last is null || clock.Elapsed - last > TimeSpan.FromSeconds(3))
            {
                shown[stage] = (done, total);
                last = clock.Elapsed;
                Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {stage} {done}/{total}");
            }
        });
    }
}

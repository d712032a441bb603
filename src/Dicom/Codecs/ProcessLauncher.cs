using System.Collections.Concurrent;
using System.Diagnostics;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Starts processes from one dedicated thread that lives as long as this process. Linux sends the parent-death signal
/// (PR_SET_PDEATHSIG, which the codec worker sets) when the <em>thread</em> that forked the child ends, and thread-pool
/// threads end when idle: a worker forked from one would be killed mid-run.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = new();

    static ProcessLauncher() => new Thread(Run) { IsBackground = true, Name = "radnet process launcher" }.Start();

    /// <summary>Starts the process on the launcher thread and returns it.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task.GetAwaiter().GetResult();
    }

    private static void Run()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(info) ?? throw new IOException($"cannot start {info.FileName}"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}

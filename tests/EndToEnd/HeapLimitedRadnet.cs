using System.Diagnostics;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>Runs the real radnet as <see cref="RadnetProcess"/> does, with the .NET GC heap hard limit set for that process only.</summary>
internal static class HeapLimitedRadnet
{
    /// <summary>Runs radnet with DOTNET_GCHeapHardLimit = <paramref name="heapLimit"/> (hexadecimal bytes, e.g. 0x20000000).</summary>
    public static async Task<RadnetProcess.Outcome> RunAsync(string heapLimit, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "radnet.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "200";
        start.Environment["DOTNET_GCHeapHardLimit"] = heapLimit;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"radnet {string.Join(' ', args)} did not finish in {timeout}");
        }
        return new RadnetProcess.Outcome(process.ExitCode, await stdout, await stderr);
    }
}

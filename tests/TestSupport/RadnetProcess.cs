using System.Diagnostics;

namespace RadiologyNet.TestSupport;

/// <summary>Runs the real <c>radnet</c> console (radnet.dll next to the tests, from a project reference to src/Client) as a child process.</summary>
public static class RadnetProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static Task<Outcome> RunAsync(TimeSpan timeout, params string[] args) =>
        RunWithEnvironmentAsync(new Dictionary<string, string>(), timeout, args);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="environment"/> added to radnet's environment (e.g. DOTNET_GCHeapHardLimit).</summary>
    public static Task<Outcome> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        ExecuteAsync(["dotnet", Path.Combine(AppContext.BaseDirectory, "radnet.dll"), .. args], environment, timeout);

    /// <summary>
    /// As <see cref="RunAsync(TimeSpan, string[])"/>, under <c>/usr/bin/time</c>: also returns radnet's peak resident set in
    /// KiB (GNU time's maximum RSS, which covers the <c>dotnet</c> host and the program it runs).
    /// </summary>
    public static async Task<(Outcome Outcome, long PeakRssKib)> RunMeasuredAsync(TimeSpan timeout, params string[] args)
    {
        var report = Path.GetTempFileName();
        try
        {
            var outcome = await ExecuteAsync(["/usr/bin/time", "-o", report, "-f", "%M", "dotnet", Path.Combine(AppContext.BaseDirectory, "radnet.dll"), .. args],
                new Dictionary<string, string>(), timeout);
            return (outcome, long.Parse(File.ReadAllLines(report).Last(l => l.Length > 0).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static async Task<Outcome> ExecuteAsync(string[] command, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var args = command[1..];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment) start.Environment[name] = value;
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
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using RadiologyNet.Silo;

namespace RadiologyNet.Distributed.Tests;

/// <summary>A real silo process (RadiologyNet.Silo.dll next to the tests) in distributed mode on Azurite.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SiloProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, string connectionString, string clusterId, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RadiologyNet.Silo.dll"));
        start.Environment["RADNET_Cluster__Mode"] = "AzureStorage";
        start.Environment["RADNET_Storage__ConnectionString"] = connectionString;
        start.Environment["RADNET_Storage__ClusterId"] = clusterId;
        start.Environment["RADNET_Silo__Port"] = $"{FreePorts.Next()}";
        start.Environment["RADNET_Silo__GatewayPort"] = $"{FreePorts.Next()}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__RadiologyNet"] = "Information";
        foreach (var (key, value) in settings) start.Environment["RADNET_" + key.Replace(":", "__")] = value;
        var logPath = Path.Combine(Path.GetTempPath(), $"radnet-{clusterId}-{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, logPath);
    }

    /// <summary>SIGKILL: no graceful shutdown, no deactivation, as a node loss.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}

using System.Diagnostics;
using System.Text;
using RadiologyNet.Silo;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// A real standalone silo process (RadiologyNet.Silo.dll next to the tests) in Localhost mode on free ports, reading an archive
/// folder, with the telemetry endpoint on <see cref="HttpPort"/>.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, int gatewayPort, int httpPort)
    {
        _process = process;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    /// <summary>The Orleans gateway port (for <c>radnet annotate --connect</c>).</summary>
    public int GatewayPort { get; }

    /// <summary>The telemetry endpoint's port.</summary>
    public int HttpPort { get; }

    /// <summary>What the silo wrote so far.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>True when the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the silo; settings are Section:Key pairs passed as RADNET_ environment variables.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var (gateway, http) = (FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RadiologyNet.Silo.dll"));
        start.Environment["RADNET_Cluster__Mode"] = "Localhost";
        start.Environment["RADNET_Silo__Port"] = $"{FreePorts.Next()}";
        start.Environment["RADNET_Silo__GatewayPort"] = $"{gateway}";
        start.Environment["RADNET_Telemetry__HttpPort"] = $"{http}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__RadiologyNet"] = "Information";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in settings) start.Environment["RADNET_" + key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        var silo = new SiloProcess(process, gateway, http);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the silo is active); fails when the process ends first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the silo exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"the silo was not ready within {timeout}:\n{Log}");
            await Task.Delay(250);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}

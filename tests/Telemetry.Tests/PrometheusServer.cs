using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using RadiologyNet.Silo;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, installed by scripts/install-test-deps.sh) on a free loopback port, with a
/// generated configuration in a temporary folder that scrapes one target every second; queried through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The prometheus executable, or null when it is not installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Prometheus's log (stdout and stderr), for failure messages.</summary>
    public string LogPath => Path.Combine(_folder, "prometheus.log");

    /// <summary>Starts Prometheus scraping <c>http://127.0.0.1:targetPort/metrics</c> every second and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(int targetPort)
    {
        var folder = Directory.CreateTempSubdirectory("radnet-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: radnet-silo
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """);
        var port = FreePorts.Next();
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("prometheus is not installed"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                     "--storage.tsdb.retention.time=1h", "--log.level=warn",
                 })
            start.ArgumentList.Add(a);
        var log = new StreamWriter(Path.Combine(folder, "prometheus.log")) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Flush(); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, port);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited with {process.ExitCode}: {await File.ReadAllTextAsync(server.LogPath)}");
            try
            {
                if ((await server._http.GetAsync("-/ready")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("prometheus was not ready within 60 s");
            await Task.Delay(200);
        }
    }

    /// <summary>An instant PromQL query: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"PromQL '{promql}' failed: {body}");
        var result = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var series in body.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var value = double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            result.Add((labels, value));
        }
        return result;
    }

    /// <summary>The value of a query that yields one series, or null when it yields none.</summary>
    public async Task<double?> ScalarAsync(string promql) => (await QueryAsync(promql)) switch
    {
        [] => null,
        [var one] => one.Value,
        var many => throw new InvalidOperationException($"PromQL '{promql}' returned {many.Count} series, not one"),
    };

    /// <summary>Every metric name Prometheus has stored.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("api/v1/label/__name__/values");
        return body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var path = Path.Combine(dir, "prometheus");
            if (File.Exists(path)) return path;
        }
        return null;
    }
}

using System.Diagnostics;
using RadiologyNet.TestSupport;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// Once for the test class: a small MedNIST archive (every 20th file of the six classes, plus one blank image the drop rules
/// quarantine) in a temporary folder, a standalone silo process reading it with its telemetry endpoint on a free port, a real
/// Prometheus scraping that endpoint every second, and one <c>radnet annotate --connect</c> run against the silo.
/// </summary>
public sealed class AnnotatedSilo : IAsyncLifetime
{
    /// <summary>The shared data the tests need.</summary>
    public const string MedNist = "data/mednist";

    /// <summary>A MedNIST file of one grey level: quarantined by the blank-image rule.</summary>
    public const string BlankFile = "001033.dcm";

    private readonly string _root = Directory.CreateTempSubdirectory("radnet-telemetry-").FullName;
    private SiloProcess? _silo;

    /// <summary>Instances published by the annotate run.</summary>
    public int Instances { get; private set; }

    /// <summary>The silo (its log for failure messages).</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("the fixture did not start");

    /// <summary>Prometheus scraping the silo.</summary>
    public PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>What the fixture did and how long each step took.</summary>
    public List<string> Timings { get; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (TelemetryFactAttribute.SkipReason is not null) return;
        var clock = Stopwatch.StartNew();
        var archive = Directory.CreateDirectory(Path.Combine(_root, "archive")).FullName;
        var source = SharedData.Require(MedNist);
        var files = Directory.GetFiles(source, "*.dcm").Order(StringComparer.Ordinal)
            .Where((_, i) => i % 20 == 0).Append(Path.Combine(source, BlankFile)).ToList();
        foreach (var file in files) File.Copy(file, Path.Combine(archive, Path.GetFileName(file)));
        Instances = files.Count;

        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Archive:Folder"] = archive,
            ["Annotation:RefineEvery"] = "10",
        });
        await _silo.WaitReadyAsync(TimeSpan.FromMinutes(3));
        Timings.Add($"silo ready after {clock.Elapsed.TotalSeconds:F1} s");
        Prometheus = await PrometheusServer.StartAsync(_silo.HttpPort);
        Timings.Add($"prometheus ready after {clock.Elapsed.TotalSeconds:F1} s");

        var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(10), "annotate", archive, "--connect", $"{_silo.GatewayPort}",
            "--clusters", "4", "--bootstrap", "20", "--out", Path.Combine(_root, "out"));
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"radnet annotate exited {run.ExitCode}:\n{run.StdOut}\n{run.StdErr}\nsilo:\n{_silo.Log}");
        Timings.Add($"annotate of {Instances} instances done after {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Polls a PromQL query until it yields <paramref name="expected"/> (Prometheus scrapes every second) and returns what it
    /// last yielded, so a test asserts on the real value after at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<double?> EventuallyAsync(string promql, double expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await Prometheus.ScalarAsync(promql);
            if (value == expected || clock.Elapsed > timeout) return value;
            await Task.Delay(500);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Prometheus is not null) await Prometheus.DisposeAsync();
        _silo?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

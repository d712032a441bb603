using System.Diagnostics;
using System.Net.Sockets;
using RadiologyNet.Silo;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// A real Azurite (the project's pinned npm install under tools/azurite) on free loopback ports, with its data in a
/// temporary folder so it can be killed and restarted with its contents.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("radnet-azurite-").FullName;
    private readonly bool _inMemory;
    private Process? _process;

    private Azurite(int blob, int queue, int table, bool inMemory) => (BlobPort, QueuePort, TablePort, _inMemory) = (blob, queue, table, inMemory);

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>The development account's connection string for these ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>The Azurite launcher, or null when scripts/install-test-deps.sh has not installed it.</summary>
    public static string? Executable
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) continue;
                var bin = Path.Combine(dir.FullName, "tools", "azurite", "node_modules", ".bin", "azurite");
                return File.Exists(bin) ? bin : null;
            }
            return null;
        }
    }

    /// <summary>
    /// Starts one. <paramref name="inMemory"/> keeps everything in memory (no restart with contents): Azurite otherwise
    /// rewrites its whole metadata file every few seconds, which at 100,000 blobs takes its one core and slows every request.
    /// </summary>
    public static async Task<Azurite> StartAsync(bool inMemory = false)
    {
        var azurite = new Azurite(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), inMemory);
        await azurite.StartProcessAsync();
        return azurite;
    }

    /// <summary>SIGKILLs the emulator (no clean shutdown), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// SIGTERM, as an orchestrator restarts a pod: Azurite closes its servers and saves its metadata. (After a SIGKILL
    /// the emulator can lose writes it had already acknowledged, which real Azure Storage never does.)
    /// </summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            term.WaitForExit();
            if (!process.WaitForExit(20_000)) process.Kill(entireProcessTree: true);
        }
        Kill();
    }

    /// <summary>Starts it again on the same ports and data folder.</summary>
    public Task RestartAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("Azurite is not installed"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", $"{BlobPort}", "--queuePort", $"{QueuePort}", "--tablePort", $"{TablePort}",
                 })
            start.ArgumentList.Add(arg);
        foreach (var arg in _inMemory ? ["--inMemoryPersistence"] : new[] { "--location", _location })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
            while (!await Listening(port))
            {
                if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with {_process.ExitCode}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Azurite did not listen on {port} within 60 s");
                await Task.Delay(200);
            }
    }

    private static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

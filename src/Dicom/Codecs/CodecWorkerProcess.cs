using System.Diagnostics;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// One running radnet-codec-worker: started (from <see cref="ProcessLauncher"/>'s thread) with redirected stdin/stdout,
/// this process's id (it dies with this process) and the memory limit; says hello, then answers one request at a time.
/// Its stderr (GDCM's warnings and assertion text) is drained and its last lines kept for crash reasons.
/// </summary>
internal sealed class CodecWorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastErrorLines = new();

    private CodecWorkerProcess(Process process) => this.process = process;

    /// <summary>From the hello: whether GDCM is usable in the worker, and its version or why not.</summary>
    public bool Available { get; private set; }

    /// <inheritdoc cref="Available"/>
    public string Detail { get; private set; } = "";

    /// <summary>Starts the worker and waits for its hello.</summary>
    public static CodecWorkerProcess Start(string workerPath, GdcmWorkerOptions options)
    {
        var (file, args) = CodecWorkerLocator.Command(workerPath);
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var a in new CodecWorkerArguments(Environment.ProcessId, options.MemoryLimitBytes, options.AllowTestRequests).ToArgs()) info.ArgumentList.Add(a);
        info.Environment[CodecWorkerArguments.GcHeapHardLimitVariable] = options.MemoryLimitBytes.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        var process = ProcessLauncher.Start(info);
        var worker = new CodecWorkerProcess(process);
        process.ErrorDataReceived += (_, e) => worker.KeepErrorLine(e.Data);
        process.BeginErrorReadLine();
        var hello = Task.Run(() => CodecWorkerProtocol.ReadHello(process.StandardOutput.BaseStream));
        if (!hello.Wait(options.StartTimeout))
        {
            worker.Dispose();
            throw new TimeoutException($"the codec worker did not start within {options.StartTimeout.TotalSeconds:0} s");
        }
        (worker.Available, worker.Detail) = hello.GetAwaiter().GetResult();
        return worker;
    }

    /// <summary>Sends one request and waits at most <paramref name="timeout"/> for the answer (then kills the worker and throws <see cref="TimeoutException"/>).</summary>
    /// <exception cref="IOException">The worker died (pipe closed or stream ended).</exception>
    public (DecodedFrame? Frame, int BitsAllocated, string? Error) Send(CodecWorkerProtocol.Request request, TimeSpan timeout, long maxBytes)
    {
        CodecWorkerProtocol.WriteRequest(process.StandardInput.BaseStream, request);
        var response = Task.Run(() => CodecWorkerProtocol.ReadResponse(process.StandardOutput.BaseStream, maxBytes));
        try
        {
            if (!response.Wait(timeout))
            {
                Kill();
                throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s");
            }
        }
        catch (AggregateException e) when (e.InnerException is IOException or InvalidDataException or ObjectDisposedException)
        {
            throw new IOException(e.InnerException.Message, e.InnerException);
        }
        return response.Result;
    }

    /// <summary>How the process ended ("signal 6 (SIGABRT)", "exit code 3") plus its last stderr line; waits briefly for the exit.</summary>
    public string DescribeExit()
    {
        if (!process.WaitForExit(5000)) return "still running";
        process.WaitForExit(); // it has exited: this only waits for the stderr reader to deliver the last lines
        var code = process.ExitCode;
        var how = code > 128 && code < 160 ? $"signal {code - 128}{SignalName(code - 128)}"
            : CodecWorkerArguments.Meaning(code) is { } meaning ? $"exit code {code}: {meaning}" : $"exit code {code}";
        string? last;
        lock (lastErrorLines) last = lastErrorLines.LastOrDefault(l => l.Length > 0);
        return last is null ? how : $"{how}; stderr: {last}";
    }

    private static string SignalName(int signal) => signal switch { 6 => " (SIGABRT)", 9 => " (SIGKILL)", 11 => " (SIGSEGV)", _ => "" };

    private void KeepErrorLine(string? line)
    {
        if (line is null) return;
        lock (lastErrorLines)
        {
            lastErrorLines.Enqueue(line.Length > 300 ? line[..300] : line);
            while (lastErrorLines.Count > 5) lastErrorLines.Dequeue();
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The worker's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Kills the worker if it still runs.</summary>
    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

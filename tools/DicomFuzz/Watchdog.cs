namespace RadiologyNet.DicomFuzz;

/// <summary>
/// Detects hangs: the fuzz loop marks the start of each input; if one runs longer than the timeout, the input is written
/// to the findings folder and the process exits with code 3 (a running .NET thread cannot be aborted).
/// </summary>
internal sealed class Watchdog
{
    private readonly TimeSpan _timeout;
    private readonly string _findings;
    private long _startedTicks;
    private byte[]? _current;

    public Watchdog(TimeSpan timeout, string findings)
    {
        _timeout = timeout;
        _findings = findings;
        new Thread(Watch) { IsBackground = true, Name = "fuzz-watchdog" }.Start();
    }

    /// <summary>Marks the start of an input.</summary>
    public void Begin(byte[] input)
    {
        Volatile.Write(ref _current, input);
        Volatile.Write(ref _startedTicks, Environment.TickCount64);
    }

    /// <summary>Marks the end of the current input.</summary>
    public void End() => Volatile.Write(ref _current, null);

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(250);
            var input = Volatile.Read(ref _current);
            if (input is null || Environment.TickCount64 - Volatile.Read(ref _startedTicks) < _timeout.TotalMilliseconds) continue;
            var path = Path.Combine(_findings, $"hang-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16]}.bin");
            File.WriteAllBytes(path, input);
            Console.Error.WriteLine($"HANG: an input ran longer than {_timeout.TotalSeconds} s; written to {path}");
            Environment.Exit(3);
        }
    }
}

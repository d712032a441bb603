using System.Globalization;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// The worker's command line, written by <see cref="CodecWorkerProcess"/> and read by radnet-codec-worker:
/// <c>--parent-pid N</c> (the worker dies with that process), <c>--memory-limit BYTES</c>, <c>--allow-test-requests</c>;
/// and the exit codes by which the worker says why it ended.
/// </summary>
public sealed record CodecWorkerArguments(int? ParentPid, long? MemoryLimitBytes, bool AllowTestRequests)
{
    /// <summary>The worker ran out of memory under its limit.</summary>
    public const int OutOfMemoryExitCode = 3;

    /// <summary>The parent was already gone when the worker started.</summary>
    public const int ParentGoneExitCode = 4;

    /// <summary>Environment variable of the worker's .NET heap hard limit (hexadecimal bytes, as the runtime reads it).</summary>
    public const string GcHeapHardLimitVariable = "DOTNET_GCHeapHardLimit";

    /// <summary>The arguments after the worker's path.</summary>
    public IReadOnlyList<string> ToArgs()
    {
        var args = new List<string>();
        if (ParentPid is { } pid) args.AddRange(["--parent-pid", pid.ToString(CultureInfo.InvariantCulture)]);
        if (MemoryLimitBytes is { } limit) args.AddRange(["--memory-limit", limit.ToString(CultureInfo.InvariantCulture)]);
        if (AllowTestRequests) args.Add("--allow-test-requests");
        return args;
    }

    /// <summary>Reads the worker's arguments; unknown ones are ignored.</summary>
    public static CodecWorkerArguments Parse(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            var i = args.ToList().IndexOf(name);
            return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        }
        return new CodecWorkerArguments(
            Value("--parent-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Value("--memory-limit") is { } limit ? long.Parse(limit, CultureInfo.InvariantCulture) : null,
            args.Contains("--allow-test-requests"));
    }

    /// <summary>What an exit code of the worker means, or null for an unknown one.</summary>
    public static string? Meaning(int exitCode) => exitCode switch
    {
        OutOfMemoryExitCode => "out of memory under the codec worker's memory limit",
        ParentGoneExitCode => "its parent process was gone",
        _ => null,
    };
}

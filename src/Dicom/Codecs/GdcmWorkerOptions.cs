namespace RadiologyNet.Dicom.Codecs;

/// <summary>How the GDCM codec worker is found, supervised and guarded. See src/CodecWorker/README.md.</summary>
public sealed record GdcmWorkerOptions
{
    /// <summary>Environment variable with the worker's path (its .dll or apphost); overrides the conventional locations.</summary>
    public const string WorkerPathVariable = "RADNET_CODEC_WORKER";

    /// <summary>Environment variable with the crash-marker folder.</summary>
    public const string CrashFolderVariable = "RADNET_CODEC_CRASH_DIR";

    /// <summary>The worker's .dll or apphost; null = <see cref="WorkerPathVariable"/>, then the conventional locations.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>Folder of crash markers (one empty file per SHA-256 of a frame that killed the worker); null = in memory only.</summary>
    public string? CrashMarkerFolder { get; init; }

    /// <summary>Longest time one frame may take; the worker is killed and the frame marked when it is exceeded.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time the worker may take to start and say hello.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker processes decoding concurrently.</summary>
    public int MaxWorkers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Tests only: lets the worker honour the crash and hang requests of <see cref="CodecWorkerProtocol"/>.</summary>
    internal bool AllowTestRequests { get; init; }

    /// <summary>Options from <see cref="WorkerPathVariable"/> and <see cref="CrashFolderVariable"/> (default: radnet-codec-crashes in the temp folder).</summary>
    public static GdcmWorkerOptions FromEnvironment() => new()
    {
        WorkerPath = NullIfEmpty(Environment.GetEnvironmentVariable(WorkerPathVariable)),
        CrashMarkerFolder = NullIfEmpty(Environment.GetEnvironmentVariable(CrashFolderVariable))
            ?? Path.Combine(Path.GetTempPath(), "radnet-codec-crashes"),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

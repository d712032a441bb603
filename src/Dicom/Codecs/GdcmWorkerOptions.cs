using System.Globalization;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>How the GDCM codec worker is found, supervised and guarded. See src/CodecWorker/README.md.</summary>
public sealed record GdcmWorkerOptions
{
    /// <summary>Environment variable with the worker's path (its .dll or apphost); overrides the conventional locations.</summary>
    public const string WorkerPathVariable = "RADNET_CODEC_WORKER";

    /// <summary>Environment variable with the crash-marker folder.</summary>
    public const string CrashFolderVariable = "RADNET_CODEC_CRASH_DIR";

    /// <summary>Environment variable with <see cref="FrameTimeout"/> in seconds.</summary>
    public const string FrameTimeoutVariable = "RADNET_CODEC_FRAME_TIMEOUT_SECONDS";

    /// <summary>Environment variable with <see cref="MemoryLimitBytes"/> in MiB.</summary>
    public const string MemoryLimitVariable = "RADNET_CODEC_MEMORY_LIMIT_MB";

    /// <summary>Smallest accepted <see cref="MemoryLimitBytes"/>: below it the .NET runtime of the worker does not start.</summary>
    public const long MinMemoryLimitBytes = 32L << 20;

    /// <summary>Longest accepted <see cref="FrameTimeout"/>.</summary>
    public static readonly TimeSpan MaxFrameTimeout = TimeSpan.FromHours(1);

    /// <summary>The worker's .dll or apphost; null = <see cref="WorkerPathVariable"/>, then the conventional locations.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>
    /// Folder of crash markers (one file per SHA-256 of a frame that killed the worker); null = in memory only. It must
    /// be private to the user (owned by this user, no group or other permissions; created with mode 0700), else the
    /// markers stay in memory (<see cref="CrashMarkers.FolderRefusal"/>).
    /// </summary>
    public string? CrashMarkerFolder { get; init; }

    /// <summary>Longest time one frame may take (default 60 s, at most <see cref="MaxFrameTimeout"/>); the worker is killed and the frame marked when it is exceeded.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Memory one worker may use (default 2 GiB, at least <see cref="MinMemoryLimitBytes"/>): its .NET heap hard limit
    /// (DOTNET_GCHeapHardLimit) and the address space it may map beyond what it mapped at start-up (RLIMIT_AS, for
    /// GDCM's native buffers). A worker that runs out dies; the frame is quarantined like any crash.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 2L << 30;

    /// <summary>Longest time the worker may take to start and say hello.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker processes decoding concurrently.</summary>
    public int MaxWorkers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Tests only: lets the worker honour the crash and hang requests of <see cref="CodecWorkerProtocol"/>.</summary>
    internal bool AllowTestRequests { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public GdcmWorkerOptions Validated()
    {
        if (FrameTimeout <= TimeSpan.Zero || FrameTimeout > MaxFrameTimeout)
            throw new ArgumentException($"the codec frame timeout must be more than 0 and at most {MaxFrameTimeout.TotalSeconds:0} s, not {FrameTimeout.TotalSeconds:0.###} s ({FrameTimeoutVariable})");
        if (MemoryLimitBytes < MinMemoryLimitBytes)
            throw new ArgumentException($"the codec worker memory limit must be at least {MinMemoryLimitBytes >> 20} MiB, not {MemoryLimitBytes >> 20} MiB ({MemoryLimitVariable})");
        if (StartTimeout <= TimeSpan.Zero) throw new ArgumentException("the codec worker start timeout must be more than 0");
        if (MaxWorkers < 1) throw new ArgumentException("the codec workers must be at least 1");
        return this;
    }

    /// <summary>
    /// Options from <see cref="WorkerPathVariable"/>, <see cref="CrashFolderVariable"/> (default:
    /// <see cref="DefaultCrashMarkerFolder"/>), <see cref="FrameTimeoutVariable"/> and <see cref="MemoryLimitVariable"/>;
    /// validated (an unparsable or out-of-range value throws <see cref="ArgumentException"/> naming the variable).
    /// </summary>
    public static GdcmWorkerOptions FromEnvironment()
    {
        var defaults = new GdcmWorkerOptions();
        return new GdcmWorkerOptions
        {
            WorkerPath = NullIfEmpty(Environment.GetEnvironmentVariable(WorkerPathVariable)),
            CrashMarkerFolder = NullIfEmpty(Environment.GetEnvironmentVariable(CrashFolderVariable)) ?? DefaultCrashMarkerFolder(),
            FrameTimeout = Number(FrameTimeoutVariable) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.FrameTimeout,
            MemoryLimitBytes = Number(MemoryLimitVariable) is { } mib ? (long)(mib * (1 << 20)) : defaults.MemoryLimitBytes,
        }.Validated();
    }

    /// <summary>
    /// The per-user crash-marker folder: <c>$XDG_RUNTIME_DIR/radnet</c> when that is set (a folder private to the
    /// user's session), else <c>radnet-&lt;uid&gt;</c> in the temp folder. Never a folder shared between users.
    /// </summary>
    public static string DefaultCrashMarkerFolder()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Path.IsPathRooted(runtime)) return Path.Combine(runtime, "radnet");
        var user = OperatingSystem.IsWindows() ? Environment.UserName : PrivateFolder.EffectiveUserId().ToString(CultureInfo.InvariantCulture);
        return Path.Combine(Path.GetTempPath(), "radnet-" + user);
    }

    private static double? Number(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{variable} must be a number, not '{text}'");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

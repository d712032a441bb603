using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.Dicom.Tests.Codecs;

/// <summary>Whether the codec worker copied next to the tests has GDCM (it does once libgdcm-cil is installed and the worker rebuilt).</summary>
internal static class GdcmWorker
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>Null when GDCM decodes in the worker, else why not (the skip message).</summary>
    public static string? SkipReason => Reason.Value;

    /// <summary>Fresh options with a private crash-marker folder, so tests never see each other's marks.</summary>
    public static GdcmWorkerOptions Options(bool allowTestRequests = false, TimeSpan? timeout = null, long? memoryLimitBytes = null) => new()
    {
        MemoryLimitBytes = memoryLimitBytes ?? new GdcmWorkerOptions().MemoryLimitBytes,
        CrashMarkerFolder = Path.Combine(Path.GetTempPath(), "radnet-codec-test-" + Guid.NewGuid().ToString("N")),
        AllowTestRequests = allowTestRequests,
        FrameTimeout = timeout ?? TimeSpan.FromSeconds(60),
        MaxWorkers = 1,
    };

    /// <summary>The worker's path; fails the test when it was not copied next to the tests.</summary>
    public static string WorkerPath() => CodecWorkerLocator.Find(new GdcmWorkerOptions()) ?? throw new InvalidOperationException("radnet-codec-worker not found next to the tests");

    private static string? Probe()
    {
        var path = CodecWorkerLocator.Find(new GdcmWorkerOptions());
        if (path is null) return "radnet-codec-worker not found next to the tests";
        using var worker = CodecWorkerProcess.Start(path, new GdcmWorkerOptions());
        return worker.Available ? null : $"GDCM not in the codec worker ({worker.Detail}): {PixelCodecRegistry.InstallHint}";
    }
}

/// <summary>A fact that needs GDCM in the codec worker; skipped with the reason and the install command otherwise.</summary>
public sealed class GdcmFactAttribute : FactAttribute
{
    public GdcmFactAttribute(string sharedPath = "")
    {
        Skip = GdcmWorker.SkipReason ?? (sharedPath.Length > 0 ? SharedData.SkipReason(sharedPath) : null);
    }
}

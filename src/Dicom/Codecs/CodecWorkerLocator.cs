namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Finds the codec worker: <see cref="GdcmWorkerOptions.WorkerPath"/>, then the RADNET_CODEC_WORKER variable, then
/// <c>codec-worker/radnet-codec-worker.dll</c> next to the application (where projects importing
/// src/CodecWorker/CodecWorker.targets copy it), then <c>radnet-codec-worker.dll</c> next to the application.
/// </summary>
public static class CodecWorkerLocator
{
    /// <summary>The worker assembly's file name.</summary>
    public const string AssemblyFile = "radnet-codec-worker.dll";

    /// <summary>The folder next to the application that holds the worker and its dependencies.</summary>
    public const string Folder = "codec-worker";

    /// <summary>Full path of the worker (.dll or apphost), or null when it is nowhere.</summary>
    public static string? Find(GdcmWorkerOptions options)
    {
        var explicitPath = options.WorkerPath ?? Environment.GetEnvironmentVariable(GdcmWorkerOptions.WorkerPathVariable);
        if (!string.IsNullOrEmpty(explicitPath)) return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, Folder, AssemblyFile), Path.Combine(AppContext.BaseDirectory, AssemblyFile) })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>The program and arguments that start the worker: a .dll runs under this process's own dotnet host.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(string workerPath)
    {
        if (!workerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) return (workerPath, []);
        return (DotnetHost(), [workerPath]);
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var runtimeDir = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}

using System.Diagnostics;

namespace RadiologyNet.Grains.Storage;

/// <summary>
/// A claim on the folder where the silos of one cluster hosted in this process keep their segment files
/// (<see cref="FileShardSegmentStore"/>): <c>&lt;root&gt;/radnet-segments-&lt;process id&gt;-&lt;random&gt;/&lt;cluster id&gt;</c>,
/// fresh for every process and shared by that cluster's silos in it, so a shard that moves between them finds its segments.
/// The folder is deleted when the last claim on it is released (the cluster's last silo in this process stopped), the
/// process's folder when the process exits, and, on the first claim under a root, the folders of processes that no
/// longer run (killed before they could clean up).
/// </summary>
public sealed class SegmentFolderLease : IDisposable
{
    private const string Prefix = "radnet-segments-";
    private static readonly string ProcessFolderName = $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}";
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Claims = new(StringComparer.Ordinal);
    private static readonly HashSet<string> SweptRoots = new(StringComparer.Ordinal);
    private static readonly HashSet<string> ProcessFolders = new(StringComparer.Ordinal);
    private bool _released;

    static SegmentFolderLease() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Gate) foreach (var folder in ProcessFolders) TryDelete(folder);
    };

    private SegmentFolderLease(string folder) => Folder = folder;

    /// <summary>The claimed folder.</summary>
    public string Folder { get; }

    /// <summary>The folder of cluster <paramref name="clusterId"/> under <paramref name="root"/> for this process (not created here).</summary>
    public static string FolderFor(string root, string clusterId) =>
        Path.Combine(Path.GetFullPath(root), ProcessFolderName, FileShardSegmentStore.FileName(clusterId));

    /// <summary>Claims the folder of <paramref name="clusterId"/> under <paramref name="root"/>; release it by disposing.</summary>
    public static SegmentFolderLease Acquire(string root, string clusterId)
    {
        var folder = FolderFor(root, clusterId);
        lock (Gate)
        {
            if (SweptRoots.Add(Path.GetFullPath(root))) DeleteAbandoned(Path.GetFullPath(root));
            ProcessFolders.Add(Path.GetDirectoryName(folder)!);
            Claims[folder] = Claims.GetValueOrDefault(folder) + 1;
        }
        return new SegmentFolderLease(folder);
    }

    /// <summary>Releases the claim; the last one deletes the folder and its segments.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_released) return;
            _released = true;
            if (--Claims[Folder] > 0) return;
            Claims.Remove(Folder);
            TryDelete(Folder);
            var processFolder = Path.GetDirectoryName(Folder)!;
            if (Directory.Exists(processFolder) && !Directory.EnumerateFileSystemEntries(processFolder).Any()) TryDelete(processFolder);
        }
    }

    private static void DeleteAbandoned(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var name = Path.GetFileName(folder).AsSpan(Prefix.Length);
            var dash = name.IndexOf('-');
            if (dash > 0 && int.TryParse(name[..dash], out var processId) && !Runs(processId)) TryDelete(folder);
        }
    }

    private static bool Runs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a folder that cannot be deleted now is swept by the next process that claims one under the same root.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Frames that killed (or hung) the codec worker, by SHA-256 of their encoded bytes: in memory, and as empty files
/// named by the hash in a folder so that the mark survives a restart of this process and is shared by every process
/// on the machine. A marked frame is refused without being sent to the worker again.
/// </summary>
public sealed class CrashMarkers(string? folder)
{
    private readonly ConcurrentDictionary<string, string> marks = new(StringComparer.Ordinal);

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>True when the frame with this hash crashed a worker before (here or in a process sharing the folder).</summary>
    public bool IsMarked(string hash)
    {
        if (marks.ContainsKey(hash)) return true;
        if (folder is null || !File.Exists(PathOf(hash))) return false;
        marks[hash] = "marked on disk";
        return true;
    }

    /// <summary>Records a crash; a folder that cannot be written keeps the mark in memory only.</summary>
    public void Mark(string hash, string reason)
    {
        marks[hash] = reason;
        if (folder is null) return;
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(PathOf(hash), reason + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The in-memory mark still protects this process.
        }
    }

    private string PathOf(string hash) => Path.Combine(folder!, hash + ".crash");
}

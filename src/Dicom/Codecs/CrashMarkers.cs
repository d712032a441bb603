using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Frames that killed (or hung) the codec worker, by SHA-256 of their encoded bytes: in memory, and as files named by
/// the hash in a per-user folder (<see cref="PrivateFolder"/>: mode 0700, owned by this user) so that the mark survives
/// a restart of this process and is shared by every process of the user. A marked frame is refused without being sent
/// to the worker again. A folder that is not private is neither read nor written (another user could plant or read marks).
/// </summary>
public sealed class CrashMarkers
{
    private readonly ConcurrentDictionary<string, string> marks = new(StringComparer.Ordinal);
    private readonly Lazy<string?> folder;
    private string? refusal;

    /// <summary>Markers kept in <paramref name="folder"/> (created on first use) and in memory; null = in memory only.</summary>
    public CrashMarkers(string? folder)
    {
        this.folder = new Lazy<string?>(() =>
        {
            if (folder is null) return null;
            refusal = PrivateFolder.Ensure(folder);
            return refusal is null ? folder : null;
        });
    }

    /// <summary>Why the folder is not used (not private, cannot be created), or null; known after the first check or mark.</summary>
    public string? FolderRefusal => refusal;

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>True when the frame with this hash crashed a worker before (here or in a process sharing the folder).</summary>
    public bool IsMarked(string hash)
    {
        if (marks.ContainsKey(hash)) return true;
        if (folder.Value is not { } dir || !File.Exists(PathOf(dir, hash))) return false;
        marks[hash] = "marked on disk";
        return true;
    }

    /// <summary>Records a crash; a folder that cannot be written keeps the mark in memory only.</summary>
    public void Mark(string hash, string reason)
    {
        marks[hash] = reason;
        if (folder.Value is not { } dir) return;
        try
        {
            File.WriteAllText(PathOf(dir, hash), reason + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The in-memory mark still protects this process.
        }
    }

    private static string PathOf(string dir, string hash) => Path.Combine(dir, hash + ".crash");
}

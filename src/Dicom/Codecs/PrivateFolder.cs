using System.Runtime.InteropServices;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// A folder only this user can read or write: created with mode 0700, and an existing one is used only when it is a
/// real directory (not a symbolic link) owned by this user with no group or other permissions (Unix; elsewhere the
/// folder is just created).
/// </summary>
public static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (mode 0700) or checks the existing one; null when it is private, else why it is refused.</summary>
    public static string? Ensure(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
                return null;
            }
            if (!Path.Exists(path) && !IsSymbolicLink(path)) Directory.CreateDirectory(path, OwnerOnly);
            return Check(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create {path}: {e.Message}";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return $"cannot check the owner and mode of {path}: {e.Message}";
        }
    }

    /// <summary>This process's effective user id (Unix).</summary>
    public static uint EffectiveUserId() => geteuid();

    private static bool IsSymbolicLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string? Check(string path)
    {
        var (uid, mode) = Stat(path);
        const int typeMask = 0xF000, directory = 0x4000;
        if ((mode & typeMask) != directory) return $"{path} is not a directory (a symbolic link or a file)";
        if (uid != geteuid()) return $"{path} is owned by uid {uid}, not this user ({geteuid()})";
        if ((mode & 0x3F) != 0) return $"{path} has mode {Convert.ToString(mode & 0xFFF, 8)}, not 700 (group or others have access)";
        return null;
    }

    /// <summary>statx(2) without following a final symbolic link; its layout is the same on every architecture.</summary>
    private static unsafe (uint Uid, int Mode) Stat(string path)
    {
        const int atFdCwd = -100, atSymlinkNoFollow = 0x100, statxBasicStats = 0x7FF;
        var buffer = stackalloc byte[256];
        if (statx(atFdCwd, path, atSymlinkNoFollow, statxBasicStats, buffer) != 0)
            throw new IOException($"cannot stat {path} (errno {Marshal.GetLastPInvokeError()})");
        return (*(uint*)(buffer + 20), *(ushort*)(buffer + 28));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mask, byte* buffer);
}

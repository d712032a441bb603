using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RadiologyNet.CodecWorker;

/// <summary>Gives the protocol its own duplicate of stdout and points file descriptor 1 at stderr (Unix); elsewhere stdout as is.</summary>
internal static class StdoutRedirect
{
    public static Stream TakeProtocolStream()
    {
        if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
        var copy = dup(1);
        if (copy < 0 || dup2(2, 1) < 0) throw new IOException($"cannot redirect stdout (errno {Marshal.GetLastPInvokeError()})");
        return new FileStream(new SafeFileHandle(copy, ownsHandle: true), FileAccess.Write, bufferSize: 1 << 16);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldFd, int newFd);
}

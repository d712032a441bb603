using System.Runtime.InteropServices;

namespace RadiologyNet.CodecWorker;

/// <summary>
/// Start-up guards of the worker (Linux): it dies with its parent (PR_SET_PDEATHSIG = SIGKILL, then a check that the
/// parent has not already gone, which the signal would miss), and it may map at most the memory limit beyond what the
/// runtime mapped at start-up (RLIMIT_AS; the .NET heap has its own hard limit from DOTNET_GCHeapHardLimit).
/// </summary>
internal static class ProcessGuards
{
    private const int PrSetPdeathsig = 1;
    private const int SigKill = 9;
    private const int RlimitAs = 9;

    /// <summary>Arms the parent-death signal; false when the parent is already gone (then the worker must exit).</summary>
    public static bool DieWithParent(int expectedParentPid)
    {
        if (!OperatingSystem.IsLinux()) return true;
        if (prctl(PrSetPdeathsig, SigKill, 0, 0, 0) != 0)
            throw new IOException($"prctl(PR_SET_PDEATHSIG) failed (errno {Marshal.GetLastPInvokeError()})");
        return getppid() == expectedParentPid;
    }

    /// <summary>Caps the address space at what is mapped now plus <paramref name="bytes"/>.</summary>
    public static void LimitMemory(long bytes)
    {
        if (!OperatingSystem.IsLinux()) return;
        var limit = checked((ulong)MappedBytes() + (ulong)bytes);
        var rlimit = new RLimit { Current = limit, Max = limit };
        if (setrlimit(RlimitAs, ref rlimit) != 0)
            throw new IOException($"setrlimit(RLIMIT_AS) failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The process's virtual size (first field of /proc/self/statm, in pages).</summary>
    private static long MappedBytes()
    {
        var pages = long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return pages * Environment.SystemPageSize;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc")]
    private static extern int getppid();

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref RLimit limit);
}

using System.Diagnostics;
using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.Dicom.Tests.Codecs;

/// <summary>The codec worker never outlives its parent, and the thread that started it ending does not kill it.</summary>
public class CodecWorkerLifetimeTests
{
    private static readonly ImagePixelModule Module = new(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);

    [Fact]
    public async Task Worker_dies_with_a_SIGKILLed_parent_even_while_its_stdin_stays_open()
    {
        var (file, args) = CodecWorkerLocator.Command(GdcmWorker.WorkerPath());
        var hello = Path.Combine(Path.GetTempPath(), "radnet-lifetime-" + Guid.NewGuid().ToString("N"));
        // bash is the worker's parent: it hands the worker its own stdin (this test holds the pipe open, so the worker
        // never sees end of input), writes the worker's pid, and waits. Only the parent-death signal can end the worker.
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", "exec 3<&0; \"$@\" --parent-pid $$ <&3 >\"$HELLO\" 2>/dev/null & echo $!; wait", "bash", file, .. args])
            start.ArgumentList.Add(a);
        start.Environment["HELLO"] = hello;
        using var parent = Process.Start(start)!;
        var workerPid = int.Parse((await parent.StandardOutput.ReadLineAsync())!);
        try
        {
            await WaitUntil(() => File.Exists(hello) && new FileInfo(hello).Length >= 4, TimeSpan.FromSeconds(30)); // hello written: guards armed
            Assert.Equal(parent.Id, ParentOf(workerPid));

            parent.Kill(entireProcessTree: false); // SIGKILL, the worker untouched
            await parent.WaitForExitAsync();

            await WaitUntil(() => !IsAlive(workerPid), TimeSpan.FromSeconds(5));
            Assert.False(IsAlive(workerPid), $"worker {workerPid} outlived its SIGKILLed parent");
        }
        finally
        {
            if (IsAlive(workerPid)) Process.GetProcessById(workerPid).Kill();
            File.Delete(hello);
        }
    }

    [Fact]
    public void Worker_refuses_to_run_when_its_parent_is_already_gone()
    {
        var (file, args) = CodecWorkerLocator.Command(GdcmWorker.WorkerPath());
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add("1"); // not its parent: as if the real one died before the signal was armed
        using var worker = Process.Start(start)!;
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(CodecWorkerArguments.ParentGoneExitCode, worker.ExitCode);
        Assert.Equal("", worker.StandardOutput.ReadToEnd()); // no hello
    }

    [Fact]
    public void Worker_lives_on_when_the_thread_that_started_it_ends()
    {
        CodecWorkerProcess? worker = null;
        var starter = new Thread(() => worker = CodecWorkerProcess.Start(GdcmWorker.WorkerPath(), GdcmWorker.Options()));
        starter.Start();
        starter.Join();
        using (worker)
        {
            Thread.Sleep(1000);
            var (_, _, error) = worker!.Send(new CodecWorkerProtocol.Request(0x7F, TransferSyntax.JPEGBaseline, Module, new byte[] { 1 }), TimeSpan.FromSeconds(30), 1024);
            Assert.Equal("unknown request kind 127", error);
        }
    }

    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }

    /// <summary>True while the process exists and is not a zombie (a container's init may never reap it).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout) await Task.Delay(50);
    }
}

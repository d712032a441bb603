using RadiologyNet.Dicom;
using RadiologyNet.Dicom.Tests;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// `radnet dump` and `radnet render` on a file larger than the whole .NET heap (64 MiB): the command rejects the file
/// with "out of memory while decoding" and exit 2, instead of dying of an unhandled OutOfMemoryException.
/// </summary>
public sealed class SmallHeapCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> HeapLimitEnvironment = new() { ["DOTNET_GCHeapHardLimit"] = "0x4000000" }; // 64 MiB
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "radnet-small-heap-" + Guid.NewGuid().ToString("N"));

    /// <summary>A 6000 × 6000 16-bit image (36 megapixels, within the decode budget): a 72 MB file.</summary>
    private string LargeImage()
    {
        Directory.CreateDirectory(_folder);
        var ds = HostileFiles.Header("2.25.9100", 6000, 6000);
        ds.AddUInt16(DicomTags.BitsAllocated, 16);
        ds.AddUInt16(DicomTags.BitsStored, 16);
        ds.AddUInt16(DicomTags.HighBit, 15);
        var pixels = new byte[6000 * 6000 * 2];
        for (var i = 0; i < pixels.Length; i += 2) pixels[i] = (byte)(i / 2 % 6000 / 24);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        var path = Path.Combine(_folder, "large.dcm");
        using var file = File.Create(path);
        DicomWriter.Write(file, ds);
        return path;
    }

    [Fact]
    public async Task Render_and_dump_reject_a_file_larger_than_the_heap_and_exit_2()
    {
        var path = LargeImage();

        var render = await RadnetProcess.RunWithEnvironmentAsync(HeapLimitEnvironment, TimeSpan.FromMinutes(2), "render", path, "--out", Path.Combine(_folder, "large.png"));
        Assert.True(render.ExitCode == 2, $"exit {render.ExitCode}\n{render.StdOut}\n{render.StdErr}");
        Assert.Contains("cannot render: out of memory while decoding", render.StdOut + render.StdErr);

        var dump = await RadnetProcess.RunWithEnvironmentAsync(HeapLimitEnvironment, TimeSpan.FromMinutes(2), "dump", path);
        Assert.True(dump.ExitCode == 2, $"exit {dump.ExitCode}\n{dump.StdOut}\n{dump.StdErr}");
        Assert.Contains("error: not readable as DICOM: out of memory while decoding", dump.StdErr);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

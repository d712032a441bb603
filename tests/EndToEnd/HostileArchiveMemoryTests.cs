using RadiologyNet.Dicom;
using RadiologyNet.Dicom.Tests;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// The peak-memory check of the security review: `radnet annotate` with the .NET heap limited to 512 MiB
/// (DOTNET_GCHeapHardLimit) on a folder that holds deflate bombs (1 GiB of zeros in under 1.1 MB each), RLE files that
/// declare 16384² pixels, and real MedNIST images. The run must finish, quarantine exactly the hostile files with the
/// limit each one broke, and annotate the rest. Before the limits it died with OutOfMemoryException (exit 2).
/// </summary>
public sealed class HostileArchiveMemoryTests : IDisposable
{
    private const long Gib = 1L << 30;
    private static readonly Dictionary<string, string> HeapLimitEnvironment = new() { ["DOTNET_GCHeapHardLimit"] = "0x20000000" }; // 512 MiB
    private const int MedNistImages = 30;
    private readonly string _archive = Path.Combine(Path.GetTempPath(), "radnet-hostile-" + Guid.NewGuid().ToString("N"));
    private readonly string _out = Path.Combine(Path.GetTempPath(), "radnet-hostile-out-" + Guid.NewGuid().ToString("N"));

    [SharedDataFact("data/mednist")]
    public async Task Annotate_with_a_512_MiB_heap_quarantines_exactly_the_hostile_files_and_annotates_the_rest()
    {
        var mednist = SharedData.Require("data/mednist");
        Directory.CreateDirectory(_archive);
        // The first images of the sample (none of them is one of its two blank frames); copied into a temp folder only.
        var images = Directory.GetFiles(mednist, "*.dcm").Order(StringComparer.Ordinal).Take(MedNistImages).ToList();
        foreach (var image in images) File.Copy(image, Path.Combine(_archive, Path.GetFileName(image)));
        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal); // file → the reasons it may be quarantined with
        for (var i = 0; i < 3; i++)
        {
            var name = $"bomb-header-{i}.dcm";
            using (var file = File.Create(Path.Combine(_archive, name)))
                HostileFiles.WriteDeflateBomb(file, $"2.25.9001{i}", Gib - 4096, pixelDataFirst: false);
            expected[name] = ["header scan found no Pixel Data in the first 16777216 inflated bytes (header limit)"];
        }
        for (var i = 0; i < 2; i++)
        {
            var name = $"bomb-trailing-{i}.dcm";
            using (var file = File.Create(Path.Combine(_archive, name)))
                HostileFiles.WriteDeflateBomb(file, $"2.25.9002{i}", Gib - 4096, pixelDataFirst: true);
            // Each inflates up to its 100:1 bound (about 100 MB) before the ratio stops it; two at once under the 512 MiB heap
            // may run out of memory first, which quarantines the file just the same.
            expected[name] = ["deflated dataset inflates more than 100:1, past ", DecodeMemory.Reason];
        }
        for (var i = 0; i < 2; i++)
        {
            var name = $"rle-16384-{i}.dcm";
            File.WriteAllBytes(Path.Combine(_archive, name), HostileFiles.RleGeometryBomb($"2.25.9003{i}", 16384, 16384, valid: true));
            expected[name] = ["image of 16384x16384x1 samples (268.4 megapixels) exceeds the decode budget of 40 megapixels"];
        }
        File.WriteAllBytes(Path.Combine(_archive, "rle-short.dcm"), HostileFiles.RleGeometryBomb("2.25.90040", 4096, 4096, valid: false));
        expected["rle-short.dcm"] = ["RLE frame 0 segment 0 has 64 bytes, too few to decode to the 16777216 bytes of a 4096x4096 frame"];
        Assert.All(Directory.GetFiles(_archive, "bomb-*"), f => Assert.InRange(new FileInfo(f).Length, 1, 1_100_000));

        var run = await RadnetProcess.RunWithEnvironmentAsync(HeapLimitEnvironment, TimeSpan.FromMinutes(10), "annotate", _archive, "--clusters", "4", "--out", _out);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StdOut}\n{run.StdErr}");
        var rows = File.ReadAllLines(Path.Combine(_out, "annotations.csv")).Skip(1).ToList();
        Assert.Equal(images.Count + expected.Count, rows.Count);
        var quarantined = rows.Where(r => !r.Contains(",annotated,", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), quarantined.Select(FileOf).Order(StringComparer.Ordinal));
        Assert.All(quarantined, r => Assert.Contains(",quarantined,", r, StringComparison.Ordinal));
        Assert.All(quarantined, r => Assert.True(expected[FileOf(r)].Any(reason => r.Contains(reason, StringComparison.Ordinal)), r));
        Assert.Equal(images.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            rows.Where(r => r.Contains(",annotated,", StringComparison.Ordinal)).Select(FileOf).Order(StringComparer.Ordinal));
    }

    /// <summary>The file column (the fourth; UIDs and file names here hold no commas or quotes).</summary>
    private static string FileOf(string row) => row.Split(',')[3];

    public void Dispose()
    {
        foreach (var folder in new[] { _archive, _out })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

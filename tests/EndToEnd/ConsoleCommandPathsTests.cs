using System.Security.Cryptography;
using System.Text;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// --paths with the real radnet: archive paths (here a folder named after a patient) reach annotations.csv,
/// instances.csv, quarantine.html and the export only as asked. Reuses the demo run of <see cref="DemoArchiveFixture"/>.
/// </summary>
public sealed partial class ConsoleCommandTests
{
    private const string PatientFolder = "Aardvark^Abelard";

    private static string Hash(string relative) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relative)))[..16];

    private static IReadOnlyList<string> FileColumn(string csv, int column = 3) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[column]).ToList();

    [Fact]
    public async Task Export_carries_archive_paths_only_when_asked()
    {
        var stored = Instances().Select(r => r[3]).ToList();
        Assert.All(stored, f => Assert.EndsWith(".dcm", f)); // the demo ran with the default, relative

        var byDefault = await Radnet("export");
        Assert.True(byDefault.ExitCode == 0, byDefault.StdErr);
        Assert.Equal(Enumerable.Repeat("", stored.Count), FileColumn(byDefault.StdOut));
        Assert.DoesNotContain(".dcm", byDefault.StdOut);

        Assert.Equal(stored, FileColumn((await Radnet("export", "--paths", "relative")).StdOut));
        Assert.Equal(stored.Select(Hash), FileColumn((await Radnet("export", "--paths", "hashed")).StdOut));
        Assert.Equal(Enumerable.Repeat("", stored.Count), FileColumn((await Radnet("export", "--paths", "none")).StdOut));
        Assert.DoesNotContain("\"file\":\"a", (await Radnet("export", "--format", "jsonl")).StdOut);
    }

    [Fact]
    public async Task Annotate_writes_archive_paths_hashed_or_not_at_all_as_asked()
    {
        Assert.True(demo.Demo.ExitCode == 0, demo.Demo.StdOut + demo.Demo.StdErr);
        var root = Path.Combine(Path.GetTempPath(), "radnet-paths-" + Guid.NewGuid().ToString("N"));
        try
        {
            // 16 demo images and one broken file (quarantined) in a folder named after a patient.
            var archive = Path.Combine(root, "archive");
            var source = Path.Combine(demo.Folder, "archive");
            var relative = Directory.EnumerateFiles(source, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(16)
                .Select(f => $"{PatientFolder}/{Path.GetRelativePath(source, f).Replace('\\', '/')}").ToList();
            foreach (var (file, i) in relative.Select((f, i) => (f, i)))
            {
                var target = Path.Combine(archive, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(source, file[(PatientFolder.Length + 1)..]), target);
            }
            File.WriteAllBytes(Path.Combine(archive, PatientFolder, "broken.dcm"), new byte[300]);
            relative.Add($"{PatientFolder}/broken.dcm");

            var runs = new[] { "hashed", "none" }.Select(mode => RadnetProcess.RunAsync(TimeSpan.FromMinutes(3),
                "annotate", archive, "--clusters", "2", "--bootstrap", "8", "--paths", mode, "--out", Path.Combine(root, mode))).ToList();
            var outcomes = await Task.WhenAll(runs);
            Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.StdOut + o.StdErr));

            foreach (var mode in new[] { "hashed", "none" })
            {
                var outDir = Path.Combine(root, mode);
                var annotations = File.ReadAllText(Path.Combine(outDir, "annotations.csv"));
                var instances = File.ReadAllText(Path.Combine(outDir, "instances.csv"));
                var quarantine = File.ReadAllText(Path.Combine(outDir, "report", "quarantine.html"));
                Assert.Contains("broken.dcm", relative[^1]);
                Assert.Contains("quarantined", annotations);
                var expected = mode == "hashed" ? relative.Select(Hash).Order(StringComparer.Ordinal).ToList() : Enumerable.Repeat("", relative.Count).ToList();
                Assert.Equal(expected, FileColumn(annotations).Order(StringComparer.Ordinal));
                Assert.Equal(expected, FileColumn(instances).Order(StringComparer.Ordinal));
                foreach (var text in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".csv") || f.EndsWith(".html") || f.EndsWith(".json")).Select(File.ReadAllText))
                    Assert.DoesNotContain("Aardvark", text);
                Assert.Contains(mode == "hashed" ? Hash(relative[^1]) : "(path not shown)", quarantine);

                var export = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), "export", "--paths", "relative", "--results", outDir);
                Assert.Equal(expected.Count, FileColumn(export.StdOut).Count);
                Assert.DoesNotContain("Aardvark", export.StdOut); // export cannot reveal what the results never kept
            }
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}

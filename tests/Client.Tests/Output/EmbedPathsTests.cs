using System.CommandLine;
using RadiologyNet.Client.Commands;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Output;

namespace RadiologyNet.Client.Tests.Output;

/// <summary><c>radnet embed --paths hashed</c>: ids.csv and quarantined.csv carry hashes, not archive paths.</summary>
public sealed class EmbedPathsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-embed-paths-").FullName;

    [Fact]
    public async Task Embed_writes_hashed_paths_when_asked()
    {
        var manifest = DemoArchive.Synthesize(Path.Combine(_dir, "archive"), new DemoOptions(Images: 6, Seed: 3));
        File.WriteAllText(Path.Combine(manifest.Folder, "broken.dcm"), "not DICOM");
        var outDir = Path.Combine(_dir, "out");
        var exit = await new RootCommand { EmbedCommand.Create() }.Parse(["embed", manifest.Folder, "--out", outDir, "--paths", "hashed"]).InvokeAsync();
        Assert.Equal(0, exit);

        var truth = CsvTable.Read(manifest.TruthCsv);
        var ids = CsvTable.Read(Path.Combine(outDir, "ids.csv"));
        Assert.Equal(
            truth.Rows.Select(r => ArchivePaths.Disclose(r[truth.IndexOf("file")], PathMode.Hashed)).Order(StringComparer.Ordinal),
            ids.Rows.Select(r => r[ids.IndexOf("file")]).Order(StringComparer.Ordinal));
        var quarantined = CsvTable.Read(Path.Combine(outDir, "quarantined.csv"));
        Assert.Equal(ArchivePaths.Disclose("broken.dcm", PathMode.Hashed), Assert.Single(quarantined.Rows)[0]);
        Assert.DoesNotContain(".dcm", File.ReadAllText(Path.Combine(outDir, "ids.csv")) + File.ReadAllText(Path.Combine(outDir, "quarantined.csv")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using RadiologyNet.Client.Demo;

namespace RadiologyNet.Client.Tests;

public sealed class DemoDeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "radnet-demo-det-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void Same_seed_gives_byte_identical_archives_and_another_seed_does_not()
    {
        var options = new DemoOptions(Images: 44, Seed: 7);
        var a = DemoArchive.Synthesize(Path.Combine(_root, "a"), options);
        var b = DemoArchive.Synthesize(Path.Combine(_root, "b"), options);
        var c = DemoArchive.Synthesize(Path.Combine(_root, "c"), options with { Seed = 8 });
        var filesA = Files(a.Folder);
        Assert.Equal(44 + 2, filesA.Count);
        Assert.Equal(filesA, Files(b.Folder));
        foreach (var f in filesA)
            Assert.True(File.ReadAllBytes(Path.Combine(a.Folder, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b.Folder, f))), f);
        Assert.NotEqual(File.ReadAllText(a.TruthCsv), File.ReadAllText(c.TruthCsv));
        Assert.Equal(a.Classes, b.Classes);
        Assert.Equal(11, a.Classes.Count);
    }

    [Fact]
    public void Small_archives_keep_every_image_and_reject_nonsense()
    {
        var m = DemoArchive.Synthesize(Path.Combine(_root, "small"), new DemoOptions(Images: 5, Seed: 1));
        Assert.Equal(5, m.Images);
        Assert.Equal(5, Directory.EnumerateFiles(m.Folder, "*.dcm", SearchOption.AllDirectories).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoArchive.Synthesize(Path.Combine(_root, "none"), new DemoOptions(Images: 0)));
    }

    private static List<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
}

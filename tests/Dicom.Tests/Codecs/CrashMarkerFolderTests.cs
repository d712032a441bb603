using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.Dicom.Tests.Codecs;

/// <summary>Crash markers live in a folder private to the user (mode 0700), never in one other users can read or plant marks in.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrashMarkerFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string root = Path.Combine(Path.GetTempPath(), "radnet-markers-test-" + Guid.NewGuid().ToString("N"));

    public CrashMarkerFolderTests() => Directory.CreateDirectory(root);

    [Fact]
    public void Default_folder_is_per_user()
    {
        var folder = GdcmWorkerOptions.DefaultCrashMarkerFolder();
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        Assert.Equal(string.IsNullOrEmpty(runtime) ? Path.Combine(Path.GetTempPath(), $"radnet-{PrivateFolder.EffectiveUserId()}") : Path.Combine(runtime, "radnet"), folder);
        Assert.DoesNotContain("radnet-codec-crashes", folder);
    }

    [Fact]
    public void Folder_is_created_with_mode_0700_and_holds_the_marks()
    {
        var folder = Path.Combine(root, "markers");
        var markers = new CrashMarkers(folder);
        markers.Mark("ab", "test crash");
        Assert.Null(markers.FolderRefusal);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder));
        Assert.True(File.Exists(Path.Combine(folder, "ab.crash")));
        Assert.True(new CrashMarkers(folder).IsMarked("ab"));
    }

    [Fact]
    public void Folder_others_can_write_is_neither_read_nor_written()
    {
        var folder = Path.Combine(root, "shared");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        File.WriteAllText(Path.Combine(folder, "planted.crash"), "");
        var markers = new CrashMarkers(folder);
        Assert.False(markers.IsMarked("planted"));
        Assert.Equal($"{folder} has mode 777, not 700 (group or others have access)", markers.FolderRefusal);
        markers.Mark("ab", "test crash");
        Assert.True(markers.IsMarked("ab")); // in memory
        Assert.False(File.Exists(Path.Combine(folder, "ab.crash")));
    }

    [Fact]
    public void Symbolic_link_to_a_private_folder_is_refused()
    {
        var target = Path.Combine(root, "target");
        Directory.CreateDirectory(target, OwnerOnly);
        var link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, target);
        var markers = new CrashMarkers(link);
        markers.Mark("ab", "test crash");
        Assert.Equal($"{link} is not a directory (a symbolic link or a file)", markers.FolderRefusal);
        Assert.False(File.Exists(Path.Combine(target, "ab.crash")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Silo.Tests;

public sealed class FolderArchiveSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("radnet-source-").FullName;

    [Fact]
    public async Task Reads_a_file_by_its_path_relative_to_the_archive()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        await File.WriteAllBytesAsync(Path.Combine(_root, "a", "x.dcm"), [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, await new FolderArchiveSource(_root).ReadAsync("a/x.dcm"));
    }

    [Fact]
    public async Task Refuses_a_source_that_escapes_the_archive_folder()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => new FolderArchiveSource(_root).ReadAsync("../../etc/passwd"));
        Assert.Contains("outside the archive folder", error.Message);
    }

    [Fact]
    public async Task Refuses_a_sibling_folder_whose_name_starts_with_the_archive_folders()
    {
        var sibling = _root + "-x";
        Directory.CreateDirectory(sibling);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(sibling, "secret.dcm"), [9]);
            var source = "../" + Path.GetFileName(sibling) + "/secret.dcm";
            var error = await Assert.ThrowsAsync<IOException>(() => new FolderArchiveSource(_root).ReadAsync(source));
            Assert.Contains("outside the archive folder", error.Message);
            Assert.DoesNotContain("secret", error.Message);
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_file_is_an_IOException()
    {
        await Assert.ThrowsAnyAsync<IOException>(() => new FolderArchiveSource(_root).ReadAsync("missing.dcm"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

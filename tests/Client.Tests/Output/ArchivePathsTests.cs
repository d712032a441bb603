using System.Security.Cryptography;
using System.Text;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Review;
using RadiologyNet.Client.Tests.Results;

namespace RadiologyNet.Client.Tests.Output;

/// <summary>--paths: what each mode writes for an archive path.</summary>
public sealed class ArchivePathsTests
{
    [Fact]
    public void Each_mode_discloses_the_path_as_documented()
    {
        const string path = "Aardvark^Abelard\\study 1/img.dcm";
        var expectedHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Aardvark^Abelard/study 1/img.dcm")))[..16];
        Assert.Equal("Aardvark^Abelard/study 1/img.dcm", ArchivePaths.Disclose(path, PathMode.Relative));
        Assert.Equal(expectedHash, ArchivePaths.Disclose(path, PathMode.Hashed));
        Assert.Equal(expectedHash, ArchivePaths.Disclose(expectedHash, PathMode.Hashed)); // stable, never hashed twice
        Assert.Equal("", ArchivePaths.Disclose(path, PathMode.None));
        Assert.Equal("", ArchivePaths.Disclose("", PathMode.Hashed));
    }

    [Theory]
    [InlineData(PathMode.Relative)]
    [InlineData(PathMode.Hashed)]
    [InlineData(PathMode.None)]
    public void Review_report_shows_paths_only_as_asked(PathMode mode)
    {
        var folder = Path.Combine(Path.GetTempPath(), "radnet-paths-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Sample(): files dir/1.N.dcm in an archive that is not on this machine; 1.4 is quarantined.
            var summary = ReviewReport.Write(ResultsTests.Sample(), folder, new ReviewReportOptions { Paths = mode, MaxMapPoints = 10 });
            var quarantine = File.ReadAllText(Path.Combine(folder, "quarantine.html"));
            var pages = string.Concat(Directory.GetFiles(folder, "*.html").Select(File.ReadAllText));
            var shown = ArchivePaths.Disclose("dir/1.4.dcm", mode);
            if (mode == PathMode.Relative) Assert.Contains("<td>dir/1.4.dcm</td>", quarantine);
            else Assert.DoesNotContain("dir/", pages);
            Assert.Contains(mode == PathMode.None ? "<td>(path not shown)</td>" : $"<td>{shown}</td>", quarantine);
            Assert.All(summary.Failures, f => Assert.Equal(ArchivePaths.Disclose(f.File, mode), f.File));
            Assert.NotEmpty(summary.Failures);
            if (mode != PathMode.Relative) Assert.All(summary.Failures, f => Assert.DoesNotContain("dir/", f.Reason));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}

using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Silo.Tests;

public sealed class BlobNamingTests
{
    [Fact]
    public void Instance_names_parse_back_into_their_uids()
    {
        Assert.Equal("1.2/1.2.3/1.2.3.4.dcm", BlobNaming.Instance("1.2", "1.2.3", "1.2.3.4"));
        Assert.True(BlobNaming.TryParseInstance("1.2/1.2.3/1.2.3.4.dcm", out var instance));
        Assert.Equal(("1.2", "1.2.3", "1.2.3.4"), (instance.StudyInstanceUid, instance.SeriesInstanceUid, instance.SopInstanceUid));
        Assert.Null(instance.HasReport);
        Assert.False(BlobNaming.TryParseInstance("reports/1.2.txt", out _));
        Assert.False(BlobNaming.TryParseInstance("1.2/1.2.3.4.dcm", out _));
    }

    [Theory]
    [InlineData("reports/1.2.840.1.txt", true, "1.2.840.1")]
    [InlineData("reports/.txt", false, "")]
    [InlineData("reports/a/b.txt", false, "a/b")]
    [InlineData("reports/1.2.840.1.dcm", false, "")]
    [InlineData("1.2/1.2.3/1.2.3.4.dcm", false, "")]
    public void Report_names_parse_back_into_their_study(string name, bool parses, string study)
    {
        Assert.Equal(parses, BlobNaming.TryParseReport(name, out var parsed));
        if (parses) Assert.Equal(study, parsed);
        if (parses) Assert.Equal(name, BlobNaming.Report(parsed));
    }
}

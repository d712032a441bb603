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
    [InlineData("../1.2")]
    [InlineData("1.2/3")]
    [InlineData("=1+0")]
    [InlineData("1..2")]
    [InlineData("")]
    [InlineData("1.234567890123456789012345678901234567890123456789012345678901123")] // 65 characters
    public void Names_are_never_built_from_a_malformed_uid(string uid)
    {
        var instance = Assert.Throws<ArgumentException>(() => BlobNaming.Instance("1.2", "1.2.3", uid));
        Assert.Contains("SOPInstanceUID", instance.Message);
        if (uid.Length > 0) Assert.DoesNotContain(uid, instance.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BlobNaming.Instance(uid, "1.2.3", "1.2.3.4"));
        Assert.Throws<ArgumentException>(() => BlobNaming.Instance("1.2", uid, "1.2.3.4"));
        var report = Assert.Throws<ArgumentException>(() => BlobNaming.Report(uid));
        if (uid.Length > 0) Assert.DoesNotContain(uid, report.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../1.2/1.2.3/1.2.3.4.dcm")]
    [InlineData("1.2/../1.2.3.4.dcm")]
    [InlineData("1.2/1.2.3/=1+0.dcm")]
    [InlineData("1.2//1.2.3.4.dcm")]
    public void Blob_names_with_malformed_uids_do_not_parse(string name) => Assert.False(BlobNaming.TryParseInstance(name, out _));

    [Theory]
    [InlineData("reports/1.2.840.1.txt", true, "1.2.840.1")]
    [InlineData("reports/...txt", false, "")]
    [InlineData("reports/=1+0.txt", false, "")]
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

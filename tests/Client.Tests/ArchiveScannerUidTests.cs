using RadiologyNet.Client.Annotation;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Tests;

/// <summary>Crafted files whose UIDs could alias a blob, start a spreadsheet formula or overflow a key are quarantined at the door.</summary>
public sealed class ArchiveScannerUidTests : IDisposable
{
    private const string Long65 = "1.234567890123456789012345678901234567890123456789012345678901123";
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-scan-uid-").FullName;

    [Theory]
    [InlineData("../1.2", "1.2.3", "1.2.3.4", "invalid StudyInstanceUID: has an empty component")]
    [InlineData("1.2", "1.2/3", "1.2.3.4", "invalid SeriesInstanceUID: has a character other than a digit or '.'")]
    [InlineData("1.2", "1.2.3", "=1+0", "invalid SOPInstanceUID: has a character other than a digit or '.'")]
    [InlineData("1.2", "1.2.3", Long65, "invalid SOPInstanceUID: longer than 64 characters")]
    [InlineData("1.2", null, "1.2.3.4", "missing SeriesInstanceUID")]
    public void A_file_with_a_malformed_uid_is_quarantined_with_the_reason_and_its_uids_are_not_kept(string study, string? series, string sop, string reason)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        if (series is not null) ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, sop);
        File.WriteAllBytes(Path.Combine(_dir, "crafted.dcm"), DicomWriter.ToBytes(ds));
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.9");
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.9.1");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.9.1.1");
        File.WriteAllBytes(Path.Combine(_dir, "good.dcm"), DicomWriter.ToBytes(ds));

        var scanned = ArchiveScanner.Scan(_dir, out _);

        var crafted = scanned.Single(f => f.RelativePath == "crafted.dcm");
        Assert.False(crafted.Accepted);
        Assert.Equal(reason, crafted.QuarantineReason);
        Assert.Equal((null, null, null), (crafted.StudyInstanceUid, crafted.SeriesInstanceUid, crafted.SopInstanceUid));
        Assert.True(scanned.Single(f => f.RelativePath == "good.dcm").Accepted);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

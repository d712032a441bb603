using RadiologyNet.Client.Annotation;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Tests;

public sealed class ArchiveScannerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-scan-").FullName;

    [Fact]
    public void Reads_uids_quarantines_unreadable_dicom_and_skips_other_files()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2");
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllBytes(Path.Combine(_dir, "sub", "good.dcm"), DicomWriter.ToBytes(ds));
        File.WriteAllText(Path.Combine(_dir, "broken.dcm"), "not dicom at all");
        File.WriteAllText(Path.Combine(_dir, "notes.csv"), "a,b\n");

        var scanned = ArchiveScanner.Scan(_dir, out var skipped);

        Assert.Equal(1, skipped);
        Assert.Equal(2, scanned.Count);
        var broken = scanned.Single(f => f.RelativePath == "broken.dcm");
        Assert.False(broken.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(broken.QuarantineReason));
        var good = scanned.Single(f => f.RelativePath == Path.Combine("sub", "good.dcm"));
        Assert.Equal(("1.2", "1.2.3", "1.2.3.4"), (good.StudyInstanceUid, good.SeriesInstanceUid, good.SopInstanceUid));
        Assert.True(good.Accepted);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

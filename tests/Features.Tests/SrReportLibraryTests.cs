using RadiologyNet.Dicom;
using RadiologyNet.Features;

namespace RadiologyNet.Features.Tests;

public sealed class SrReportLibraryTests
{
    private const string ReportsiStudy = "1.2.276.0.7230010.3.1.2.1787205428.166.1117461927.5";
    private const string ConsultationStudy = "1.2.276.0.7230010.3.1.4.2139363186.24419.973855257.14";

    private static DicomDataset Sr(string study, string text)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.11");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, study + ".9");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        ds.AddString(new DicomTag(0x0040, 0xA040), DicomVR.CS, "CONTAINER");
        var textItem = new DicomDataset()
            .AddString(new DicomTag(0x0040, 0xA010), DicomVR.CS, "CONTAINS")
            .AddString(new DicomTag(0x0040, 0xA040), DicomVR.CS, "TEXT")
            .AddString(new DicomTag(0x0040, 0xA160), DicomVR.UT, text);
        ds.AddSequence(new DicomTag(0x0040, 0xA730), textItem);
        return ds;
    }

    private static void Write(string path, DicomDataset ds) =>
        File.WriteAllBytes(path, DicomWriter.ToBytes(ds, TransferSyntax.ExplicitVRLittleEndian));

    [Fact]
    public void Sr_instances_in_a_folder_give_study_reports_after_csv_and_sidecars()
    {
        var dir = Directory.CreateTempSubdirectory("radnet-sr-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "a", "b"));
            Write(Path.Combine(dir.FullName, "a", "b", "IM0001"), Sr("1.2.3", "Lungs clear."));
            Write(Path.Combine(dir.FullName, "a", "sr2.dcm"), Sr("1.2.3", "Heart normal."));
            Write(Path.Combine(dir.FullName, "sr3.dcm"), Sr("4.5.6", "From SR."));
            Write(Path.Combine(dir.FullName, "sr4.dcm"), Sr("7.8.9", "Also from SR."));
            File.WriteAllText(Path.Combine(dir.FullName, "4.5.6.txt"), "From sidecar.");
            File.WriteAllText(Path.Combine(dir.FullName, "7.8.9.txt"), "  ");
            var image = new DicomDataset();
            image.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
            image.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3");
            Write(Path.Combine(dir.FullName, "ct.dcm"), image);
            File.WriteAllBytes(Path.Combine(dir.FullName, "junk.dcm"), "not dicom 1.2.840.10008.5.1.4.1.1.88.11"u8.ToArray());

            var lib = ReportLibrary.Load(null, dir.FullName, dir.FullName);
            // Two SRs of one study joined in path order ("a/b/IM0001" < "a/sr2.dcm"); a blank sidecar falls through to SR.
            Assert.Equal("Lungs clear.\n\nHeart normal.", lib.Find("1.2.3"));
            Assert.Equal("From sidecar.", lib.Find("4.5.6"));
            Assert.Equal("Also from SR.", lib.Find("7.8.9"));
            Assert.Null(lib.Find("9.9.9"));
            Assert.Equal(3, lib.Count);
            Assert.Null(ReportLibrary.Load(null, dir.FullName).Find("1.2.3"));
            Assert.Throws<DirectoryNotFoundException>(() => ReportLibrary.Load(null, null, Path.Combine(dir.FullName, "missing")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The SR files of the shared archive, keyed by their StudyInstanceUID (index.csv); texts as SrTextExtractorTests checks them.
    [SharedDataFact("data/dicom")]
    public void Shared_archive_sr_files_are_found_by_study()
    {
        var index = SrReportIndex.Scan(SharedData.Require("data/dicom/pydicom-testfiles/src/pydicom/data/test_files"));
        // reportsi.dcm and reportsi_with_empty_number_tags.dcm share a study; test-SR.dcm has its own.
        Assert.StartsWith("Document Title\n  Section Heading\n    Report Text: Enter text", index[ReportsiStudy], StringComparison.Ordinal);
        Assert.Contains("1.2.276.0.7230010.3.1.4.2139363186.7819.982086466.2", index.Keys);
        var lib = ReportLibrary.Load(null, null, SharedData.Require("data/dicom/dicomparser-testimages/testImages/deflate"));
        Assert.StartsWith("Consultation Report\n  Description: This 78-year-old gentleman referred by\n", lib.Find(ConsultationStudy), StringComparison.Ordinal);
        Assert.Equal(1, lib.Count);
    }
}

using RadiologyNet.Client.Results;
using RadiologyNet.Dicom;
using RadiologyNet.Features.Text;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Tests.Results;

/// <summary>The report of a study with who it is about, read through a real folder archive.</summary>
public sealed class StudyReportReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "radnet-identity-" + Guid.NewGuid().ToString("N"));

    public StudyReportReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string? patientId, string physician)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3." + name.Length);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Aardvark^Abelard");
        if (patientId is not null) ds.AddString(DicomTags.PatientID, DicomVR.LO, patientId);
        ds.AddString(new DicomTag(0x0008, 0x1050), DicomVR.PN, physician); // PerformingPhysicianName, per series
        ds.AddString(DicomTags.StudyDescription, DicomVR.LO, "CT HEAD");
        File.WriteAllBytes(Path.Combine(_folder, name), DicomWriter.ToBytes(ds));
        return name;
    }

    private static Func<string, Task<string?>> Text(string? text) => _ => Task.FromResult(text);

    [Fact]
    public async Task Reads_the_identifying_words_of_every_given_series_and_an_opaque_patient_key()
    {
        var files = new[] { Write("a.dcm", "MRN123", "Quill^Zebedee"), Write("b.dcm", "MRN123", "Pettigrew^Hortensia") };
        var report = await new StudyReportReader(Text("Aardvark: effusion"), new FolderArchiveSource(_folder)).ReadAsync("1.2.9", files, default);
        Assert.NotNull(report);
        Assert.Equal("Aardvark: effusion", report.Text);
        Assert.Superset(new HashSet<string> { "aardvark", "abelard", "quill", "zebedee", "pettigrew", "hortensia", "mrn" }, report.IdentifyingTokens.ToHashSet());
        Assert.DoesNotContain("head", report.IdentifyingTokens);
        Assert.Equal(64, report.PatientKey.Length);
        Assert.DoesNotContain("123", report.PatientKey);
    }

    [Fact]
    public async Task A_study_without_a_patient_id_is_its_own_patient()
    {
        var file = Write("c.dcm", null, "Quill^Zebedee");
        var reader = new StudyReportReader(Text("effusion"), new FolderArchiveSource(_folder));
        var one = await reader.ReadAsync("1.2.9", [file], default);
        var other = await reader.ReadAsync("1.2.10", [file], default);
        Assert.NotEqual(one!.PatientKey, other!.PatientKey);
    }

    [Fact]
    public async Task No_report_when_the_text_is_blank_no_archive_is_at_hand_or_no_instance_can_be_read()
    {
        var file = Write("d.dcm", "MRN1", "Quill^Zebedee");
        File.WriteAllText(Path.Combine(_folder, "broken.dcm"), "not DICOM");
        Assert.Null(await new StudyReportReader(Text(" "), new FolderArchiveSource(_folder)).ReadAsync("1.2.9", [file], default));
        Assert.Null(await new StudyReportReader(Text("effusion"), null).ReadAsync("1.2.9", [file], default));
        Assert.Null(await new StudyReportReader(Text("effusion"), new FolderArchiveSource(_folder)).ReadAsync("1.2.9", ["gone.dcm", "broken.dcm"], default));
    }
}

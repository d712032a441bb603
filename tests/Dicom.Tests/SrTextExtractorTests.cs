using RadiologyNet.Dicom.StructuredReports;

namespace RadiologyNet.Dicom.Tests;

public class SrTextExtractorTests
{
    private static readonly DicomTag ValueType = new(0x0040, 0xA040);
    private static readonly DicomTag Relationship = new(0x0040, 0xA010);
    private static readonly DicomTag ConceptName = new(0x0040, 0xA043);
    private static readonly DicomTag Content = new(0x0040, 0xA730);

    private static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, value)
        .AddString(new DicomTag(0x0008, 0x0102), DicomVR.SH, scheme)
        .AddString(new DicomTag(0x0008, 0x0104), DicomVR.LO, meaning);

    private static DicomDataset Item(string relationship, string valueType, string? concept, params DicomDataset[] children)
    {
        var ds = new DicomDataset().AddString(Relationship, DicomVR.CS, relationship).AddString(ValueType, DicomVR.CS, valueType);
        if (concept is not null) ds.AddSequence(ConceptName, Code("C" + concept.Length, "99TEST", concept));
        if (children.Length > 0) ds.AddSequence(Content, children);
        return ds;
    }

    private static DicomDataset Text(string concept, string text) =>
        Item("CONTAINS", "TEXT", concept).AddString(new DicomTag(0x0040, 0xA160), DicomVR.UT, text);

    private static DicomDataset Num(string concept, string value, DicomDataset? unit)
    {
        var measured = new DicomDataset().AddString(new DicomTag(0x0040, 0xA30A), DicomVR.DS, value);
        if (unit is not null) measured.AddSequence(new DicomTag(0x0040, 0x08EA), unit);
        return Item("CONTAINS", "NUM", concept).AddSequence(new DicomTag(0x0040, 0xA300), measured);
    }

    [Fact]
    public void Hand_built_report_gives_headings_values_and_leaves_out_phi()
    {
        var observer = Item("HAS OBS CONTEXT", "PNAME", "Recording Observer's Name").AddString(new DicomTag(0x0040, 0xA123), DicomVR.PN, "Doe^John");
        var org = Item("HAS OBS CONTEXT", "TEXT", "Observer Organization").AddString(new DicomTag(0x0040, 0xA160), DicomVR.UT, "General Hospital");
        var date = Item("CONTAINS", "DATE", "Study Date").AddString(new DicomTag(0x0040, 0xA121), DicomVR.DA, "20240101");
        var uid = Item("CONTAINS", "UIDREF", "Study UID").AddString(new DicomTag(0x0040, 0xA124), DicomVR.UI, "1.2.3");
        var referrer = Item("CONTAINS", "PNAME", "Referring Physician").AddString(new DicomTag(0x0040, 0xA123), DicomVR.PN, "Roe^Jane");
        var finding = Item("CONTAINS", "CODE", "Finding").AddSequence(new DicomTag(0x0040, 0xA168), Code("F-01", "SRT", "Nodule"));
        finding.AddSequence(Content, Item("HAS CONCEPT MOD", "CODE", "Laterality").AddSequence(new DicomTag(0x0040, 0xA168), Code("G-A101", "SRT", "Left")));
        var unnamed = Item("CONTAINS", "CONTAINER", null, Text("Impression", "No acute disease."));
        var findings = Item("CONTAINS", "CONTAINER", "Findings",
            Text("Finding", "Lungs clear.\r\nHeart normal.\n"),
            finding,
            Num("Diameter", "12.5", Code("mm", "UCUM", "millimeter")),
            Num("Ratio", "0.8", Code("1", "UCUM", "no units")),
            Num("Density", "40", Code("HU", "99LOCAL", "Hounsfield unit")),
            Num("Empty", "", null),
            referrer, date, uid, unnamed);
        var root = Item("", "CONTAINER", "Chest X-Ray Report", observer, org, findings, Text("Conclusion", "Normal."));
        root.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.11");
        Assert.True(SrTextExtractor.IsStructuredReport(root));
        Assert.Equal(
            """
            Chest X-Ray Report
              Findings
                Finding: Lungs clear.
                  Heart normal.
                Finding: Nodule
                  Laterality: Left
                Diameter: 12.5 mm
                Ratio: 0.8
                Density: 40 Hounsfield unit
                Impression: No acute disease.
              Conclusion: Normal.
            """.ReplaceLineEndings("\n"),
            SrTextExtractor.Extract(root));
    }

    [Fact]
    public void Not_an_sr_and_empty_tree()
    {
        var ds = new DicomDataset().AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        Assert.False(SrTextExtractor.IsStructuredReport(ds));
        Assert.Equal("", SrTextExtractor.Extract(ds));
    }

    [Fact]
    public void Nesting_beyond_the_cap_is_not_followed()
    {
        var leaf = Text("Deep", "x");
        for (var i = 0; i < SrTextExtractor.MaxDepth + 5; i++) leaf = Item("CONTAINS", "CONTAINER", null, leaf);
        Assert.Equal("", SrTextExtractor.Extract(leaf));
        Assert.Equal("Deep: x", SrTextExtractor.Extract(Item("CONTAINS", "CONTAINER", null, Item("CONTAINS", "CONTAINER", null, Text("Deep", "x")))));
    }

    // Checked by hand against json/59ca5f4fbf524bd5.json: root "Document Title"; four HAS OBS CONTEXT items (left out);
    // container "Section Heading" holding TEXT "Report Text" = "Enter text" and an IMAGE reference (left out).
    [SharedDataFact("data/dicom")]
    public void Pydicom_reportsi_basic_text_sr()
    {
        var file = DicomReader.ReadFile(SharedData.Require("data/dicom/pydicom-testfiles/src/pydicom/data/test_files/reportsi.dcm"));
        Assert.True(SrTextExtractor.IsStructuredReport(file.Dataset));
        Assert.Equal("Document Title\n  Section Heading\n    Report Text: Enter text", SrTextExtractor.Extract(file.Dataset));
    }

    // Checked by hand against json/91b3668c9d2c0ec7.json (a deflated Basic Text SR): the unnamed CONTINUOUS container
    // adds no level, PNAME items (physicians) are left out, NUM "Diameter" 1.5 with UCUM unit cm.
    [SharedDataFact("data/dicom")]
    public void Dicomparser_deflated_report()
    {
        var file = DicomReader.ReadFile(SharedData.Require("data/dicom/dicomparser-testimages/testImages/deflate/report_dfl"));
        Assert.Equal(
            """
            Consultation Report
              Description: This 78-year-old gentleman referred by
              Description: was also seen by
              Description: at the
              Hospital Name: Redlands Clinic
              Description: . He has been seen in the past by
              Description: .
                The patient developed a lesion in the concha of the left external ear. Recent biopsy confirmed this as being a squamous cell carcinoma. The patient has had a few other skin cancers.
                Of most significant past history is the fact that this patient has a leukemia that has been treated in standard fashion by
              Description: . The patient was then transferred to the
              Hospital Name: Redlands Clinic
              Description: and by some experimental protocol which, I guess, includes some sort of lymphocyte electrophoresis, has been placed into remission. He is not currently on any antileukemia drugs and has responded extremely well to his medical management.
                On examination, the patient is healthy in general appearance. There is a
              Diameter: 1.5 cm
              Description: lesion on the concha of the ear, which is seen well on photograph of the left external ear. There are numerous soft lymph nodes in both sides of the neck, which I presume are related to his leukemia.
              Diagnosis: Squamous cell carcinoma, relatively superficial, involving the skin of the left external ear, which is seen well on photograph of the left external ear.
              Treatment: The plan of treatment is as follows: 4500 rad, 15 treatment sessions, using 100 kV radiation.
                The reason for treatment, expected acute reaction, and remote possibility of complication was discussed with this patient at some length, and he accepted therapy as outlined.
            """.ReplaceLineEndings("\n"),
            SrTextExtractor.Extract(file.Dataset));
    }

    [SharedDataFact("data/dicom")]
    public void Every_sr_in_the_index_extracts_without_error_and_has_text()
    {
        var root = SharedData.Require("data");
        var rows = IndexCsv.Load(Path.Combine(root, "dicom", "index.csv"))
            .Where(r => r["sop_class_uid"].StartsWith(SrTextExtractor.SopClassPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 20, $"only {rows.Count} SR files in the index");
        foreach (var row in rows)
        {
            var file = DicomReader.ReadFile(Path.Combine(root, row["path"]));
            Assert.True(SrTextExtractor.IsStructuredReport(file.Dataset), row["path"]);
            Assert.False(string.IsNullOrWhiteSpace(SrTextExtractor.Extract(file.Dataset)), row["path"]);
        }
    }
}

using RadiologyNet.Dicom;
using RadiologyNet.Features.Text;

namespace RadiologyNet.Features.Tests;

public sealed class DistinctiveTermsTests
{
    private static readonly IReadOnlySet<string> NoIdentifiers = new HashSet<string>();

    /// <summary>A study of its own patient, with no identifying attributes.</summary>
    private static (int, string, StudyReport) Doc(int group, string study, string text, string? patient = null, params string[] identifying) =>
        (group, study, new StudyReport(text, patient ?? "patient-" + study, identifying.Length == 0 ? NoIdentifiers : identifying.ToHashSet()));

    [Fact]
    public void Tokenizer_lowercases_splits_on_non_letters_and_drops_short_and_stop_words()
    {
        Assert.Equal(["hemorrhage", "midline", "shift", "größe", "prijelom"],
            ReportTokenizer.Tokens("The hemorrhage, with 5mm MIDLINE shift; no Größe: prijelom nije").ToList());
    }

    [Fact]
    public void Tokenizer_drops_every_word_with_a_digit_and_month_names()
    {
        Assert.Equal(["mrn", "dob", "accession", "effusion"],
            ReportTokenizer.Tokens("MRN XKQ48213, DOB 12.03.1961 (12 March 2024, 3-Dec-2023), accession AB-123C4; effusion on C5C6").ToList());
    }

    [Fact]
    public void Terms_score_by_group_study_frequency_times_inverse_collection_frequency()
    {
        // Group 0: 6 studies of 6 patients, group 1: 6 studies. N = 12.
        // "fracture" is in five group-0 studies and nowhere else: 5/6 × ln(12/5) = 0.730.
        // "lucency" is in six group-0 studies and two group-1 studies: 6/6 × ln(12/8) = 0.405.
        // "bone" is in all twelve: ln(12/12) = 0, never distinctive. "callus" is in four group-0 studies: under five.
        var documents = new List<(int, string, StudyReport)>();
        for (var i = 0; i < 6; i++)
            documents.Add(Doc(0, $"a{i}", "bone lucency" + (i < 5 ? " fracture" : "") + (i < 4 ? " callus" : "")));
        for (var i = 0; i < 6; i++)
            documents.Add(Doc(1, $"b{i}", "bone effusion" + (i < 2 ? " lucency" : "")));
        var top = DistinctiveTerms.Top(documents, 3);
        Assert.Equal(["fracture", "lucency"], top[0]);
        Assert.Equal(["effusion"], top[1]);
    }

    [Fact]
    public void A_study_counts_once_however_many_images_repeat_its_report()
    {
        // The old rule counted a document per image: one study of five images put its patient's name in the cluster name.
        var documents = Enumerable.Repeat(Doc(0, "s1", "Aardvark Abelard effusion", "p1"), 5)
            .Concat(Enumerable.Range(2, 5).Select(i => Doc(0, $"s{i}", "effusion")))
            .Concat(Enumerable.Range(0, 6).Select(i => Doc(1, $"t{i}", "fracture")));
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Equal(["effusion"], top[0]);
    }

    [Fact]
    public void A_term_needs_at_least_five_studies()
    {
        var documents = Enumerable.Range(0, 4).Select(i => Doc(0, $"s{i}", "effusion"))
            .Concat(Enumerable.Range(0, 6).Select(i => Doc(1, $"t{i}", "fracture")));
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Empty(top[0]);
        Assert.Equal(["fracture"], top[1]);
    }

    [Fact]
    public void A_term_held_by_one_patients_studies_only_is_not_a_term()
    {
        // Six studies of one patient name him in every report: six studies, but one patient.
        var documents = Enumerable.Range(0, 6).Select(i => Doc(0, $"s{i}", "Bombadil effusion", patient: "p1"))
            .Append(Doc(0, "x", "effusion", patient: "p2"))
            .Concat(Enumerable.Range(0, 6).Select(i => Doc(1, $"t{i}", "fracture")));
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Equal(["effusion"], top[0]);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(499, 5)]
    [InlineData(500, 5)]
    [InlineData(501, 6)]
    [InlineData(1000, 10)]
    [InlineData(1001, 11)]
    public void The_minimum_is_five_studies_or_one_percent_of_the_group(int studies, int minimum) =>
        Assert.Equal(minimum, DistinctiveTerms.MinimumStudiesFor(studies));

    [Fact]
    public void In_a_large_group_a_term_needs_one_percent_of_its_studies()
    {
        // 600 studies: the minimum is 6. "nodule" is in 6 studies, "cyst" in 5 (each of distinct patients).
        var documents = Enumerable.Range(0, 600).Select(i => Doc(0, $"s{i}", "common" + (i < 6 ? " nodule" : "") + (i is >= 6 and < 11 ? " cyst" : "")))
            .Concat(Enumerable.Range(0, 6).Select(i => Doc(1, $"t{i}", "common other")));
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Equal(["nodule"], top[0]);
    }

    [Fact]
    public void Words_of_a_studys_identifying_attributes_are_dropped_from_its_patients_reports()
    {
        // "quill" (the referring physician of every study) is in six reports of six patients: it passes the count rules, but
        // every study names Dr Quill in its own tags. "zoe" is patient p0's name in one study's tags (as "Zoë", folded),
        // and her other study's report, without the tag, still does not contribute it; p1 and p2 are named "zoe" nowhere.
        var documents = Enumerable.Range(0, 6).Select(i => Doc(0, $"s{i}", "Dr Quill: effusion", $"p{i}", "quill", "referrer"))
            .Concat([Doc(0, "z1", "Zoe effusion", "p0", "zoe", "quill"), Doc(0, "z2", "Zoe effusion", "p0"),
                Doc(0, "z3", "Zoe effusion", "p1"), Doc(0, "z4", "Zoe effusion", "p2")])
            .Concat(Enumerable.Range(0, 6).Select(i => Doc(1, $"t{i}", "fracture")));
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Equal(["effusion"], top[0]); // "zoe" is left in z3 and z4 only: 2 studies
    }

    [Fact]
    public void Identifying_tags_give_folded_name_id_physician_and_institution_words_and_an_opaque_patient_key()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Aardvark^Zoë^J");
        ds.AddString(DicomTags.PatientID, DicomVR.LO, "MRN12345");
        ds.AddString(DicomTags.AccessionNumber, DicomVR.SH, "XKQ-0042");
        ds.AddString(DicomTags.ReferringPhysicianName, DicomVR.PN, "Quill^Zebedee");
        ds.AddString(DicomTags.InstitutionName, DicomVR.LO, "St Elsewhere");
        ds.AddString(new DicomTag(0x0008, 0x1060), DicomVR.PN, "Reader^Rhoda");
        ds.AddSequence(new DicomTag(0x0010, 0x1002), new DicomDataset().AddString(DicomTags.PatientID, DicomVR.LO, "OLDID7"));
        ds.AddString(DicomTags.StudyDescription, DicomVR.LO, "CT HEAD");
        var tokens = new HashSet<string>();
        IdentifyingTags.AddTokens(ds, tokens);
        string[] expected = ["aardvark", "zoe", "j", "mrn", "xkq", "quill", "zebedee", "st", "elsewhere", "reader", "rhoda", "oldid"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), tokens.Order(StringComparer.Ordinal));

        var key = IdentifyingTags.PatientKey(ds)!;
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain("12345", key);
        var same = new DicomDataset();
        same.AddString(DicomTags.PatientID, DicomVR.LO, " MRN12345 ");
        Assert.Equal(key, IdentifyingTags.PatientKey(same));
        Assert.Null(IdentifyingTags.PatientKey(new DicomDataset()));
    }
}

namespace RadiologyNet.Features.Tests;

public sealed class FusionTests
{
    [Fact]
    public void Fuse_normalises_weights_and_concatenates()
    {
        float[] image = [3, 4];
        float[] meta = [0, 0, 2];
        float[] report = [1];
        var f = FeatureFusion.Fuse(image, meta, report, new FusionWeights(2, 1, 0.5f));
        Assert.Equal([1.2f, 1.6f, 0, 0, 1, 0.5f], f);
    }

    [Fact]
    public void Absent_report_stays_zero_under_the_zero_policy()
    {
        var f = FeatureFusion.Fuse([3f, 4f], [1f], new float[3], new FusionWeights(Missing: MissingSourcePolicy.Zero));
        Assert.Equal([0.6f, 0.8f, 1, 0, 0, 0], f);
    }

    [Fact]
    public void Absent_report_reweights_the_present_sources_to_the_norm_of_a_complete_vector()
    {
        // weights 1, 1, 1: complete norm sqrt(3); present sqrt(2); present blocks scaled by sqrt(3/2).
        var f = FeatureFusion.Fuse([3f, 4f], [1f], new float[3], new FusionWeights());
        var s = (float)Math.Sqrt(1.5);
        AssertClose([0.6f * s, 0.8f * s, s, 0, 0, 0], f);
        Assert.Equal(Math.Sqrt(3), FeatureFusion.Norm(f), 6);
    }

    [Fact]
    public void Reweighting_uses_squared_weights_and_leaves_complete_vectors_alone()
    {
        // weights 2, 1, 2 with metadata missing: sqrt((4 + 1 + 4) / (4 + 4)) = sqrt(9/8).
        var f = FeatureFusion.Fuse([1f], [0f], [0f, 5f], new FusionWeights(2, 1, 2));
        var s = (float)Math.Sqrt(9.0 / 8.0);
        AssertClose([2 * s, 0, 0, 2 * s], f);
        Assert.Equal([0.6f, 0.8f, 1, 0, 1], FeatureFusion.Fuse([3f, 4f], [2f], [0f, 7f], new FusionWeights()));
        Assert.Equal(new float[3], FeatureFusion.Fuse([0f], [0f], [0f], new FusionWeights()));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 6);
    }

    [Fact]
    public void Layout_cuts_out_each_source()
    {
        var layout = new FusedLayout(2, 1, 3);
        var f = FeatureFusion.Fuse([3f, 4f], [5f], [0f, 0f, 2f], FusionWeights.Equal);
        Assert.Equal(6, layout.Dimension);
        Assert.Equal((0, 2, 3), (layout.ImageOffset, layout.MetadataOffset, layout.ReportOffset));
        Assert.Equal([0.6f, 0.8f], layout.Image(f).ToArray());
        Assert.Equal([1f], layout.Metadata(f).ToArray());
        Assert.Equal([0f, 0f, 1f], layout.Report(f).ToArray());
        Assert.Throws<ArgumentException>(() => layout.Image(new float[5]).ToArray());
    }

    [Fact]
    public void L2Normalize_in_place_and_zero_safe()
    {
        float[] v = [0, 3, 4];
        FeatureFusion.L2Normalize(v);
        Assert.Equal([0, 0.6f, 0.8f], v);
        float[] z = [0, 0];
        FeatureFusion.L2Normalize(z);
        Assert.Equal([0f, 0f], z);
        Assert.Equal(1.0, FeatureFusion.Cosine([1f, 1f], [2f, 2f]), 12);
        Assert.Equal(0.0, FeatureFusion.Cosine([1f, 0f], [0f, 0f]));
    }
}

public sealed class CsvAndReportLibraryTests
{
    [Fact]
    public void Csv_handles_quotes_commas_newlines_and_crlf()
    {
        var text = "a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"line1\nline2\r\nline3\",\n3,,\"\"";
        var rows = Csv.Read(new StringReader(text)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["a", "b", "c"], rows[0]);
        Assert.Equal(["1", "x, y", "he said \"hi\""], rows[1]);
        Assert.Equal(["2", "line1\nline2\r\nline3", ""], rows[2]);
        Assert.Equal(["3", "", ""], rows[3]);
    }

    [Fact]
    public void Csv_unterminated_quote_is_an_error() =>
        Assert.Throws<FormatException>(() => Csv.Read(new StringReader("a,b\n1,\"open")).ToList());

    [Fact]
    public void Library_from_csv_with_multiline_text_and_extra_columns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reports-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\uFEFFid,text,study_uid\r\n7,\"FINDINGS: clear lungs,\nno effusion.\",1.2.3\n8,\"Second, \"\"quoted\"\"\",1.2.4\n9,,1.2.5\n10,\"more\",1.2.3\n");
        try
        {
            var lib = ReportLibrary.Load(path, null);
            Assert.Equal(2, lib.Count);
            Assert.Equal("FINDINGS: clear lungs,\nno effusion.\n\nmore", lib.Find("1.2.3"));
            Assert.Equal("Second, \"quoted\"", lib.Find("1.2.4"));
            Assert.Null(lib.Find("1.2.5"));
            Assert.Null(lib.Find("9.9.9"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Library_requires_the_header() =>
        Assert.Throws<FormatException>(() => ReportLibrary.FromCsv(new StringReader("1.2.3,some text\n")));

    [Fact]
    public void Library_keys_rows_by_accession_number_when_the_study_uid_is_empty()
    {
        var lib = ReportLibrary.FromCsv(new StringReader(
            "accession_number,study_uid,text\nACC1,,CT head: no bleed\nACC1,,addendum\nACC2,1.2.9,MR knee\n,,orphan\nACC3,,\n"));
        Assert.Equal("CT head: no bleed\n\naddendum", lib.FindByAccession("ACC1"));
        Assert.Equal("CT head: no bleed\n\naddendum", lib.FindByAccession(" ACC1 "));
        Assert.Equal("MR knee", lib.Find("1.2.9"));             // a row with a study UID is keyed by it
        Assert.Null(lib.FindByAccession("ACC2"));
        Assert.Null(lib.FindByAccession("ACC3"));               // blank text counts as absent
        Assert.Null(lib.FindByAccession(null));
        Assert.Equal(1, lib.Count);

        // A study's report: under its UID first, else under its accession number.
        Assert.Equal("MR knee", lib.Find("1.2.9", "ACC1"));
        Assert.Equal("CT head: no bleed\n\naddendum", lib.Find("1.2.8", "ACC1"));
        Assert.Null(lib.Find("1.2.8", null));
    }

    [Fact]
    public void Library_accepts_an_accession_only_header_but_not_a_header_without_either_key()
    {
        Assert.Equal("x", ReportLibrary.FromCsv(new StringReader("accession_number,text\nA9,x\n")).FindByAccession("A9"));
        Assert.Throws<FormatException>(() => ReportLibrary.FromCsv(new StringReader("patient,text\nA9,x\n")));
    }

    [Fact]
    public void Library_finds_sidecars_recursively_and_csv_wins()
    {
        var dir = Directory.CreateTempSubdirectory("reports-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "a", "b"));
            File.WriteAllText(Path.Combine(dir.FullName, "a", "b", "1.2.840.1.txt"), "Sidecar report\nline two");
            File.WriteAllText(Path.Combine(dir.FullName, "1.2.840.2.txt"), "Top level");
            File.WriteAllText(Path.Combine(dir.FullName, "1.2.840.3.txt"), "  ");
            var csv = Path.Combine(dir.FullName, "r.csv");
            File.WriteAllText(csv, "study_uid,text\n1.2.840.2,From CSV\n");
            var lib = ReportLibrary.Load(csv, dir.FullName);
            Assert.Equal("Sidecar report\nline two", lib.Find("1.2.840.1"));
            Assert.Equal("From CSV", lib.Find("1.2.840.2"));
            Assert.Null(lib.Find("1.2.840.3"));
            Assert.Null(lib.Find("../r"));
            Assert.Equal(3, lib.Count);
            var sidecarOnly = ReportLibrary.Load(null, dir.FullName);
            Assert.Equal("Top level", sidecarOnly.Find("1.2.840.2"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SharedDataFact("data/text/iu_xray_reports_dev50.csv")]
    public void Real_corpus_parses_completely()
    {
        using var reader = new StreamReader(SharedData.PathOf("data/text/iu_xray_reports_dev50.csv")!);
        var rows = Csv.Read(reader).ToList();
        Assert.Equal(1926, rows.Count); // header + 1,925 reports (README)
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
    }
}

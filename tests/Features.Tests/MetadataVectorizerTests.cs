using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Tests;

public sealed class MetadataVectorizerTests
{
    private static DicomDataset CtHead()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.Modality, DicomVR.CS, "CT");
        ds.AddString(DicomTags.Manufacturer, DicomVR.LO, "SIEMENS");
        ds.AddStrings(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTags.Rows, 512);
        ds.AddUInt16(DicomTags.Columns, 512);
        ds.AddDecimals(DicomTags.PixelSpacing, 0.5, 0.5);
        ds.AddDecimals(DicomTags.SliceThickness, 5);
        ds.AddDecimals(DicomTags.KVP, 120);
        ds.AddString(DicomTags.ExposureTime, DicomVR.IS, "1000");
        ds.AddString(DicomTags.XRayTubeCurrent, DicomVR.IS, "200");
        ds.AddDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.AddString(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        ds.AddString(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.AddString(DicomTags.PatientAge, DicomVR.AS, "045Y");
        ds.AddString(DicomTags.StudyDescription, DicomVR.LO, "CT HEAD w/o contrast");
        ds.AddString(DicomTags.SeriesDescription, DicomVR.LO, "Axial 5mm");
        ds.AddString(DicomTags.BodyPartExamined, DicomVR.CS, "HEAD");
        return ds;
    }

    private static DicomDataset AddPhi(DicomDataset ds, string variant)
    {
        ds.AddString(DicomTags.PatientName, DicomVR.PN, $"Doe^Jane{variant}");
        ds.AddString(DicomTags.PatientID, DicomVR.LO, $"MRN{variant}12345");
        ds.AddString(DicomTags.PatientBirthDate, DicomVR.DA, variant == "" ? "19700101" : "19811231");
        ds.AddString(DicomTags.InstitutionName, DicomVR.LO, $"St Elsewhere {variant} Hospital");
        ds.AddString(DicomTags.AccessionNumber, DicomVR.SH, $"ACC{variant}9");
        ds.AddString(DicomTags.ReferringPhysicianName, DicomVR.PN, $"House^Gregory{variant}");
        ds.AddString(DicomTags.StudyDate, DicomVR.DA, "20200202");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, $"1.2.3.{variant.Length}");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, $"1.2.3.4.{variant.Length}");
        ds.AddString(DicomTags.StudyID, DicomVR.SH, $"S{variant}");
        ds.AddString(new DicomTag(0x0010, 0x1040), DicomVR.LO, $"1 Main Street {variant}"); // PatientAddress
        ds.AddString(new DicomTag(0x0010, 0x2154), DicomVR.SH, "555-0100"); // PatientTelephoneNumbers
        ds.AddString(new DicomTag(0x0008, 0x1050), DicomVR.PN, $"Performing^Doc{variant}"); // PerformingPhysicianName
        ds.AddString(new DicomTag(0x0008, 0x1010), DicomVR.SH, $"STATION{variant}"); // StationName
        ds.AddString(new DicomTag(0x0010, 0x1000), DicomVR.LO, $"OTHER{variant}"); // OtherPatientIDs
        ds.AddString(new DicomTag(0x0029, 0x0010), DicomVR.LO, $"PRIVATE CREATOR {variant}");
        return ds;
    }

    [Fact]
    public void Phi_tags_never_change_the_vector()
    {
        foreach (var include in new[] { false, true })
        {
            var v = new MetadataVectorizer(new MetadataVectorizerOptions { IncludeLabelTags = include });
            var clean = v.Vectorize(CtHead());
            Assert.Equal(clean, v.Vectorize(AddPhi(CtHead(), "")));
            Assert.Equal(clean, v.Vectorize(AddPhi(CtHead(), "XYZ")));
        }
    }

    [Fact]
    public void Allow_list_holds_no_identifying_tag()
    {
        DicomTag[] phi = [DicomTags.PatientName, DicomTags.PatientID, DicomTags.PatientBirthDate, DicomTags.InstitutionName,
            DicomTags.AccessionNumber, DicomTags.ReferringPhysicianName, DicomTags.StudyDate, DicomTags.StudyInstanceUID,
            DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID, DicomTags.StudyID, new(0x0010, 0x1040), new(0x0008, 0x1010)];
        Assert.Empty(MetadataVectorizer.AllowedTags.Intersect(phi));
        Assert.DoesNotContain(MetadataVectorizer.AllowedTags, t => t.IsPrivate);
    }

    [Fact]
    public void Label_tags_are_features_only_when_asked()
    {
        var without = new MetadataVectorizer(new MetadataVectorizerOptions());
        var with = new MetadataVectorizer(new MetadataVectorizerOptions { IncludeLabelTags = true });
        Assert.DoesNotContain(without.ColumnNames, n => n.StartsWith("modality", StringComparison.Ordinal) || n.StartsWith("body_part", StringComparison.Ordinal));
        Assert.Contains("modality=ct", with.ColumnNames);
        Assert.Equal(148, without.Dimension); // documented in src/Features/README.md
        Assert.Equal(without.Dimension + 15 + 32, with.Dimension);
        var a = CtHead();
        var b = CtHead();
        b.AddString(DicomTags.Modality, DicomVR.CS, "MR");
        b.AddString(DicomTags.BodyPartExamined, DicomVR.CS, "KNEE");
        Assert.Equal(without.Vectorize(a), without.Vectorize(b));
        Assert.NotEqual(with.Vectorize(a), with.Vectorize(b));
        var va = with.Vectorize(a);
        Assert.Equal(1f, va[with.ColumnNames.ToList().IndexOf("modality=ct")]);
    }

    [Fact]
    public void Exact_columns_for_a_hand_made_dataset()
    {
        var v = new MetadataVectorizer(new MetadataVectorizerOptions { Scaling = "FixedRange" });
        var x = v.Vectorize(CtHead());
        var names = v.ColumnNames.ToList();
        Assert.Equal(v.Dimension, x.Length);
        Assert.Equal(names.Count, names.Distinct().Count());
        float Col(string n) => x[names.IndexOf(n) is >= 0 and var i ? i : throw new KeyNotFoundException(n)];
        static float L(double value, double max) => (float)(Math.Log(1 + value) / Math.Log(1 + max));

        Assert.Equal(L(512, 8192), Col("rows"), 6);
        Assert.Equal(L(512, 8192), Col("columns"), 6);
        Assert.Equal(L(0.5, 5), Col("pixel_spacing_row"), 6);
        Assert.Equal(L(0.5, 5), Col("pixel_spacing_col"), 6);
        Assert.Equal(L(5, 20), Col("slice_thickness"), 6);
        Assert.Equal((float)((120 - 20) / 130.0), Col("kvp"), 6);
        Assert.Equal(L(1000, 10000), Col("exposure_time"), 6);
        Assert.Equal(L(200, 1000), Col("xray_tube_current"), 6);
        Assert.Equal(0f, Col("repetition_time"));
        Assert.Equal(1f, Col("repetition_time_missing"));
        Assert.Equal(1f, Col("echo_time_missing"));
        Assert.Equal(1f, Col("magnetic_field_strength_missing"));
        Assert.Equal(0f, Col("rows_missing"));
        Assert.Equal(0f, Col("pixel_spacing_missing"));
        Assert.Equal(0f, Col("image_orientation_missing"));
        Assert.Equal([1f, 0.5f, 0.5f, 0.5f, 1f, 0.5f], Enumerable.Range(0, 6).Select(i => Col($"image_orientation_{i}")).ToArray());
        Assert.Equal(0.475f, Col("patient_age_years"), 6); // 45 years → bin 45–49, centre 47.5
        Assert.Equal(0f, Col("patient_age_years_missing"));
        Assert.Equal(0f, Col("contrast_agent"));
        Assert.Equal(1f, Col("manufacturer=siemens"));
        Assert.Equal(1f, Col("photometric_interpretation=monochrome2"));
        Assert.Equal(1f, Col("patient_sex=f"));
        Assert.Equal(1f, Col("patient_position=hfs"));
        Assert.Equal(1f, Col("view_position=missing"));
        Assert.Equal(1f, Col("scanning_sequence=missing"));
        Assert.Equal(1f, Col("image_type=original"));
        Assert.Equal(1f, Col("image_type=primary"));
        Assert.Equal(1f, Col("image_type=axial"));
        Assert.Equal(0f, Col("image_type=other"));

        // Description tokens: ct, head, w, o, contrast, axial, mm → hashed buckets.
        var expected = new HashSet<int>(new[] { "ct", "head", "w", "o", "contrast", "axial", "mm" }
            .Select(t => names.IndexOf($"desc_hash_{MetadataVectorizer.Fnv1a(t) % 32:D2}")));
        for (var i = 0; i < 32; i++)
        {
            var idx = names.IndexOf($"desc_hash_{i:D2}");
            Assert.Equal(expected.Contains(idx) ? 1f : 0f, x[idx]);
        }
        // Every value in [0, 1].
        Assert.All(x, f => Assert.InRange(f, 0f, 1f));
        // One-hot blocks hold exactly one 1 for single-valued tags.
        Assert.Equal(1f, names.Select((n, i) => (n, i)).Where(p => p.n.StartsWith("patient_sex=", StringComparison.Ordinal)).Sum(p => x[p.i]));
    }

    [Fact]
    public void Empty_dataset_marks_everything_missing()
    {
        var v = new MetadataVectorizer(new MetadataVectorizerOptions { HashBuckets = 8 });
        var x = v.Vectorize(new DicomDataset());
        var names = v.ColumnNames;
        for (var i = 0; i < x.Length; i++)
        {
            var expectOne = names[i].EndsWith("_missing", StringComparison.Ordinal) || names[i].EndsWith("=missing", StringComparison.Ordinal);
            Assert.True(expectOne ? x[i] == 1f : x[i] == 0f, $"{names[i]} = {x[i]}");
        }
        Assert.Equal(8, names.Count(n => n.StartsWith("desc_hash_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unknown_values_go_to_other_and_values_are_clamped()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.Manufacturer, DicomVR.LO, "Acme Imaging");
        ds.AddString(DicomTags.ViewPosition, DicomVR.CS, "WEIRD");
        ds.AddStrings(DicomTags.ScanningSequence, DicomVR.CS, "SE", "IR");
        ds.AddDecimals(DicomTags.KVP, 500);
        ds.AddDecimals(DicomTags.MagneticFieldStrength, 15000); // gauss instead of tesla: clamped
        ds.AddString(DicomTags.ContrastBolusAgent, DicomVR.LO, "Omnipaque");
        var v = new MetadataVectorizer(new MetadataVectorizerOptions { Scaling = "FixedRange" });
        var x = v.Vectorize(ds);
        var names = v.ColumnNames.ToList();
        float Col(string n) => x[names.IndexOf(n)];
        Assert.Equal(1f, Col("manufacturer=other"));
        Assert.Equal(1f, Col("view_position=other"));
        Assert.Equal(1f, Col("scanning_sequence=se"));
        Assert.Equal(1f, Col("scanning_sequence=ir"));
        Assert.Equal(1f, Col("kvp"));
        Assert.Equal(1f, Col("magnetic_field_strength"));
        Assert.Equal(1f, Col("contrast_agent"));
    }

    [Theory]
    [InlineData("045Y", 45.0)]
    [InlineData("006M", 0.5)]
    [InlineData("010W", 70 / 365.25)]
    [InlineData("003D", 3 / 365.25)]
    [InlineData(" 45Y ", 45.0)]
    [InlineData("045y", 45.0)]
    [InlineData("45", 45.0)]
    [InlineData("000D", 0.0)]
    public void Age_parsing(string value, double years) => Assert.Equal(years, MetadataVectorizer.ParseAgeYears(value)!.Value, 12);

    [Theory]
    [InlineData(0.0, 2.5)]
    [InlineData(4.99, 2.5)]
    [InlineData(5.0, 7.5)]
    [InlineData(45.0, 47.5)]
    [InlineData(49.9, 47.5)]
    [InlineData(89.99, 87.5)]
    [InlineData(90.0, 92.5)]
    [InlineData(104.0, 92.5)]
    public void Ages_fall_into_5_year_bins_with_90_and_over_as_one(double years, double bin) =>
        Assert.Equal(bin, MetadataVectorizer.AgeBinYears(years));

    [Fact]
    public void The_vector_holds_the_age_group_not_the_exact_age()
    {
        var vectorizer = new MetadataVectorizer(new MetadataVectorizerOptions { Scaling = "FixedRange" });
        var column = vectorizer.ColumnNames.ToList().IndexOf("patient_age_years");
        float Age(string value)
        {
            var ds = CtHead();
            ds.Remove(DicomTags.PatientAge);
            ds.AddString(DicomTags.PatientAge, DicomVR.AS, value);
            return vectorizer.Vectorize(ds)[column];
        }
        Assert.Equal(Age("045Y"), Age("049Y"));
        Assert.NotEqual(Age("045Y"), Age("050Y"));
        Assert.Equal(Age("091Y"), Age("107Y"));
        Assert.Equal(Age("002Y"), Age("030M"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Y")]
    [InlineData("04X5")]
    [InlineData("045Q")]
    [InlineData("-45Y")]
    [InlineData("999Y")]
    [InlineData("1234Y")]
    public void Bad_ages_are_missing(string? value) => Assert.Null(MetadataVectorizer.ParseAgeYears(value));

    [Fact]
    public void Vendor_families()
    {
        Assert.Equal("ge", MetadataVectorizer.VendorFamily("GE MEDICAL SYSTEMS"));
        Assert.Equal("canon_toshiba", MetadataVectorizer.VendorFamily("TOSHIBA"));
        Assert.Equal("philips", MetadataVectorizer.VendorFamily("Philips Medical Systems"));
        Assert.Equal("fujifilm", MetadataVectorizer.VendorFamily("FUJIFILM Corporation"));
    }

    [Fact]
    public void Tokens_split_on_non_letters()
    {
        Assert.Equal(["ct", "thorax", "kontrast", "ž"], MetadataVectorizer.Tokens("CT-Thorax_1 KONTRAST/Ž"));
        Assert.Empty(MetadataVectorizer.Tokens("123 456"));
    }

    [Fact]
    public void A_custom_scaler_is_used_for_numeric_columns()
    {
        var v = new MetadataVectorizer(new MetadataVectorizerOptions { Scaler = new ConstantScaler() });
        var x = v.Vectorize(CtHead());
        Assert.All(x.Take(MetadataVectorizer.NumericColumns.Count), f => Assert.Equal(0.25f, f));
        var raw = new double[MetadataVectorizer.NumericColumns.Count];
        v.ExtractNumeric(CtHead(), raw);
        Assert.Equal(512, raw[0]);
        Assert.Equal(120, raw[5]);
        Assert.True(double.IsNaN(raw[8]));
    }

    private sealed class ConstantScaler : IMetadataScaler
    {
        public void Scale(IReadOnlyList<NumericColumn> columns, ReadOnlySpan<double> raw, Span<float> scaled) => scaled.Fill(0.25f);
    }
}

using System.Text.RegularExpressions;
using RadiologyNet.Client.Demo;
using RadiologyNet.Dicom;
using Xunit.Abstractions;

namespace RadiologyNet.Client.Tests;

public sealed partial class DemoArchiveTests(DemoArchiveFixture fixture, ITestOutputHelper output) : IClassFixture<DemoArchiveFixture>
{
    private static readonly Dictionary<string, string> SopClassOf = new()
    {
        ["CT"] = "1.2.840.10008.5.1.4.1.1.2", ["MR"] = "1.2.840.10008.5.1.4.1.1.4", ["CR"] = "1.2.840.10008.5.1.4.1.1.1",
        ["DX"] = "1.2.840.10008.5.1.4.1.1.1.1", ["US"] = "1.2.840.10008.5.1.4.1.1.6.1", ["MG"] = "1.2.840.10008.5.1.4.1.1.1.2",
    };

    [Fact]
    public void Writes_the_requested_number_of_images_studies_and_progress()
    {
        var m = fixture.Manifest;
        Assert.Equal(300, m.Images);
        Assert.Equal(300, Directory.EnumerateFiles(m.Folder, "*.dcm", SearchOption.AllDirectories).Count());
        Assert.Equal(300, fixture.Instances.Count);
        Assert.Equal(m.Studies, fixture.Instances.Select(i => i.StudyUid).Distinct().Count());
        Assert.Equal(300, fixture.LastProgress);
        Assert.All(fixture.Instances.GroupBy(i => i.StudyUid), g => Assert.InRange(g.Count(), 1, 6));
        Assert.True(fixture.SynthesisTime < TimeSpan.FromSeconds(60), $"synthesis took {fixture.SynthesisTime}");
        output.WriteLine($"synthesised {m.Images} images in {m.Studies} studies in {fixture.SynthesisTime.TotalSeconds:F1} s");
    }

    /// <summary>Set RADNET_DEMO_MONTAGE to a .png path to look at three images of every class.</summary>
    [Fact]
    public void Writes_a_montage_when_asked()
    {
        var path = Environment.GetEnvironmentVariable("RADNET_DEMO_MONTAGE");
        if (string.IsNullOrEmpty(path)) return;
        var images = fixture.Instances.GroupBy(i => i.ClassName).SelectMany(g => g.Where((_, k) => k % 9 == 0).Take(3)).Select(i => i.Image).ToList();
        DemoPng.WriteMontage(path, images, 6, 200);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Covers_at_least_ten_classes_roughly_evenly()
    {
        var byClass = fixture.Instances.GroupBy(i => i.ClassName).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byClass.Count >= 10, string.Join(", ", byClass.Keys));
        Assert.Equal(fixture.Manifest.Classes.OrderBy(c => c), byClass.Keys.OrderBy(c => c));
        Assert.All(byClass, kv => Assert.InRange(kv.Value, 20, 35));
        Assert.All(fixture.Instances.GroupBy(i => i.StudyUid), g => Assert.Single(g.Select(i => i.ClassName).Distinct()));
    }

    [Fact]
    public void Truth_csv_agrees_with_the_files()
    {
        Assert.Equal(["file", "sop_instance_uid", "study_instance_uid", "modality", "region"], fixture.Truth[0]);
        Assert.Equal(fixture.Instances.Count, fixture.Instances.Select(i => i.SopUid).Distinct().Count());
        foreach (var i in fixture.Instances)
        {
            var ds = i.Dicom.Dataset;
            Assert.False(Path.IsPathRooted(i.File));
            Assert.Equal(i.SopUid, ds.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(i.StudyUid, ds.GetString(DicomTags.StudyInstanceUID));
            Assert.Equal(i.Modality, ds.GetString(DicomTags.Modality));
            Assert.Equal(SopClassOf[i.Modality], ds.GetString(DicomTags.SOPClassUID));
            Assert.Equal(SopClassOf[i.Modality], i.Dicom.Meta.GetString(DicomTags.MediaStorageSOPClassUID));
            Assert.Contains(i.Region, DemoClassCatalog.Regions);
        }
    }

    [Fact]
    public void Body_part_examined_is_noisy_like_a_real_archive()
    {
        var tags = fixture.Instances.GroupBy(i => i.StudyUid)
            .Select(g => (Tag: g.First().Dicom.Dataset.GetString(DicomTags.BodyPartExamined) ?? "", g.First().Region)).ToList();
        var empty = tags.Count(t => t.Tag == "") / (double)tags.Count;
        var exact = tags.Count(t => t.Tag == t.Region) / (double)tags.Count;
        var wrong = tags.Count(t => t.Tag != "" && t.Tag != t.Region && DemoClassCatalog.Regions.Contains(t.Tag)) / (double)tags.Count;
        Assert.InRange(empty, 0.15, 0.45);
        Assert.InRange(exact, 0.4, 0.75);
        Assert.InRange(wrong, 0.0, 0.15);
    }

    [Fact]
    public void Uids_are_valid_and_phi_is_obviously_synthetic()
    {
        foreach (var i in fixture.Instances)
        {
            var ds = i.Dicom.Dataset;
            foreach (var tag in new[] { DicomTags.SOPInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID })
            {
                var uid = ds.GetString(tag)!;
                Assert.Matches(UidPattern(), uid);
                Assert.True(uid.Length <= 64);
            }
            Assert.StartsWith("DEMO^PATIENT^", ds.GetString(DicomTags.PatientName));
            Assert.StartsWith("DEMO", ds.GetString(DicomTags.PatientID));
            Assert.StartsWith("DEMOACC", ds.GetString(DicomTags.AccessionNumber));
            Assert.Matches("^(19|20)[0-9]{6}$", ds.GetString(DicomTags.PatientBirthDate)!);
            Assert.Matches("^0[1-9][0-9]Y$", ds.GetString(DicomTags.PatientAge)!);
            Assert.Contains(ds.GetString(DicomTags.PatientSex), new[] { "F", "M" });
            Assert.False(string.IsNullOrEmpty(ds.GetString(DicomTags.Manufacturer)));
            Assert.False(string.IsNullOrEmpty(ds.GetString(DicomTags.StudyDescription)));
            Assert.NotNull(ds.GetInt(DicomTags.InstanceNumber));
            Assert.NotNull(ds.GetInt(DicomTags.SeriesNumber));
        }
        Assert.Equal(fixture.Manifest.Studies, fixture.Instances.Select(i => i.Dicom.Dataset.GetString(DicomTags.SeriesInstanceUID)).Distinct().Count());
    }

    [Fact]
    public void Acquisition_tags_are_plausible_per_modality()
    {
        foreach (var i in fixture.Instances)
        {
            var ds = i.Dicom.Dataset;
            switch (i.Modality)
            {
                case "CT":
                    Assert.InRange(ds.GetNumber(DicomTags.KVP)!.Value, 80, 140);
                    Assert.NotNull(ds.GetInt(DicomTags.XRayTubeCurrent));
                    Assert.NotNull(ds.GetInt(DicomTags.ExposureTime));
                    Assert.Equal(-1024, ds.GetNumber(DicomTags.RescaleIntercept));
                    Assert.Equal(6, ds.GetNumbers(DicomTags.ImageOrientationPatient).Length);
                    Assert.Equal(2, ds.GetNumbers(DicomTags.PixelSpacing).Length);
                    Assert.NotNull(ds.GetNumber(DicomTags.SliceThickness));
                    Assert.Equal(1, ds.GetInt(DicomTags.PixelRepresentation));
                    break;
                case "MR":
                    Assert.Contains(ds.GetNumber(DicomTags.MagneticFieldStrength), new double?[] { 1.5, 3.0 });
                    Assert.NotNull(ds.GetNumber(DicomTags.RepetitionTime));
                    Assert.NotNull(ds.GetNumber(DicomTags.EchoTime));
                    Assert.NotEmpty(ds.GetStrings(DicomTags.ScanningSequence));
                    Assert.NotEmpty(ds.GetStrings(DicomTags.SequenceVariant));
                    Assert.Equal(6, ds.GetNumbers(DicomTags.ImageOrientationPatient).Length);
                    Assert.Equal(0, ds.GetInt(DicomTags.PixelRepresentation));
                    break;
                case "CR" or "DX":
                    Assert.NotNull(ds.GetNumber(DicomTags.KVP));
                    Assert.NotNull(ds.GetString(DicomTags.ViewPosition));
                    break;
                case "MG":
                    Assert.Contains(ds.GetString(DicomTags.ViewPosition), new[] { "CC", "MLO" });
                    Assert.InRange(ds.GetInt(DicomTags.BitsStored)!.Value, 12, 14);
                    Assert.Equal(16, ds.GetInt(DicomTags.BitsAllocated));
                    break;
                case "US":
                    Assert.Equal(8, ds.GetInt(DicomTags.BitsAllocated));
                    Assert.Single(ds.GetSequence(new DicomTag(0x0018, 0x6011)));
                    break;
            }
        }
    }

    [Fact]
    public void Mixes_transfer_syntaxes_and_photometric_interpretations()
    {
        var implicitShare = fixture.Instances.Count(i => i.Dicom.TransferSyntaxUid == TransferSyntax.ImplicitVRLittleEndian) / (double)fixture.Instances.Count;
        Assert.InRange(implicitShare, 0.12, 0.5);
        Assert.All(fixture.Instances, i => Assert.Contains(i.Dicom.TransferSyntaxUid, new[] { TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian }));
        var cr = fixture.Instances.Where(i => i.Modality == "CR").ToList();
        var mono1 = cr.Count(i => i.Dicom.Dataset.GetString(DicomTags.PhotometricInterpretation) == "MONOCHROME1") / (double)cr.Count;
        Assert.InRange(mono1, 0.1, 0.6);
        Assert.All(fixture.Instances.Where(i => i.Modality != "CR" && i.Modality != "US"),
            i => Assert.Equal("MONOCHROME2", i.Dicom.Dataset.GetString(DicomTags.PhotometricInterpretation)));
        foreach (var us in fixture.Instances.Where(i => i.Modality == "US"))
            Assert.Equal(us.Dicom.Dataset.GetString(DicomTags.PhotometricInterpretation) == "RGB" ? 3 : 1, us.Image.Channels);
    }

    [Fact]
    public void Every_image_renders_and_is_not_blank()
    {
        foreach (var i in fixture.Instances)
        {
            var data = i.Image.Data;
            var mean = data.Average();
            var sd = Math.Sqrt(data.Average(v => (v - mean) * (v - mean)));
            Assert.True(sd > 0.05, $"{i.File} ({i.ClassName}) is nearly blank: sd {sd:F3}");
            Assert.InRange(i.Image.Width, 128, 320);
            Assert.InRange(i.Image.Height, 128, 256);
        }
    }

    [Fact]
    public void Classes_look_different_from_each_other()
    {
        var means = fixture.Instances.GroupBy(i => i.ClassName).ToDictionary(g => g.Key, g => MeanThumbnail(g.Select(i => i.Image)));
        foreach (var a in means)
        foreach (var b in means.Where(b => string.CompareOrdinal(a.Key, b.Key) < 0))
        {
            var diff = a.Value.Zip(b.Value, (x, y) => Math.Abs(x - y)).Average();
            // CR and DX of the same region are the same anatomy on different detectors: similar, but not identical.
            var sameAnatomy = a.Key[3..] == b.Key[3..] && a.Key[..2] is "CR" or "DX" && b.Key[..2] is "CR" or "DX";
            Assert.True(diff > (sameAnatomy ? 0.01 : 0.03), $"{a.Key} and {b.Key} differ by only {diff:F3}");
        }
    }

    [Fact]
    public void Ct_values_are_hounsfield_units_in_the_right_ranges()
    {
        foreach (var i in fixture.Instances.Where(i => i.Modality == "CT"))
        {
            var hu = PixelPipeline.ModalityValues(i.Dicom.Dataset, i.Dicom.TransferSyntaxUid).Values;
            var centre = Centre(hu, 256, i.Region == "HEAD" ? 0.4 : 0.6);
            double Share(double lo, double hi) => centre.Count(v => v >= lo && v < hi) / (double)centre.Length;
            Assert.True(hu.Min() >= -2000 && hu.Max() <= 3000, $"{i.File}: HU {hu.Min()}..{hu.Max()}");
            Assert.True(hu.Max() > 600, $"{i.File}: no bone");
            switch (i.Region)
            {
                case "CHEST":
                    Assert.True(Share(-1000, -500) > 0.15, $"{i.File}: lungs {Share(-1000, -500):F2}");
                    break;
                case "HEAD":
                    Assert.True(Share(15, 60) > 0.4, $"{i.File}: brain {Share(15, 60):F2}");
                    Assert.True(Share(-1000, -500) < 0.05, $"{i.File}: air inside the head");
                    break;
                default:
                    Assert.True(Share(20, 200) > 0.15, $"{i.File}: soft tissue {Share(20, 200):F2}");
                    Assert.True(Share(-200, -50) > 0.05, $"{i.File}: fat {Share(-200, -50):F2}");
                    break;
            }
            Assert.Equal(i.Region switch { "HEAD" => 40, "CHEST" => -600, _ => 40 }, i.Dicom.Dataset.GetNumber(DicomTags.WindowCenter));
        }
    }

    [Fact]
    public void Ct_slices_vary_within_a_study()
    {
        foreach (var study in fixture.Instances.Where(i => i.Modality == "CT").GroupBy(i => i.StudyUid))
        {
            var images = study.Select(i => i.Image.Data).ToList();
            Assert.True(images[0].Zip(images[^1], (a, b) => Math.Abs(a - b)).Average() > 0.01);
        }
    }

    [Fact]
    public void Reports_csv_has_templated_reports_for_most_studies()
    {
        Assert.Equal(["study_uid", "text"], fixture.Reports[0]);
        var reports = fixture.Reports.Skip(1).ToList();
        Assert.All(reports, r => Assert.Equal(2, r.Length));
        var studies = fixture.Instances.Select(i => i.StudyUid).ToHashSet();
        Assert.All(reports, r => Assert.Contains(r[0], studies));
        Assert.Equal(reports.Count, reports.Select(r => r[0]).Distinct().Count());
        var missing = 1 - reports.Count / (double)studies.Count;
        Assert.InRange(missing, 0.02, 0.25);
        foreach (var (_, text) in reports.Select(r => (r[0], r[1])))
        {
            foreach (var section in new[] { "EXAM:", "TECHNIQUE:", "FINDINGS:", "IMPRESSION:" }) Assert.Contains(section, text);
            Assert.Contains('\n', text);
        }
        Assert.Contains(reports, r => r[1].Contains(',', StringComparison.Ordinal));
    }

    private static double[] MeanThumbnail(IEnumerable<FloatImage> images)
    {
        const int n = 24;
        var sum = new double[n * n];
        var count = 0;
        foreach (var img in images)
        {
            count++;
            for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                sum[y * n + x] += img.Data[((y * img.Height / n) * img.Width + x * img.Width / n) * img.Channels];
        }
        return sum.Select(v => v / count).ToArray();
    }

    private static double[] Centre(double[] values, int size, double fraction)
    {
        var lo = (int)(size * (1 - fraction) / 2);
        var hi = size - lo;
        var result = new List<double>();
        for (var y = lo; y < hi; y++) for (var x = lo; x < hi; x++) result.Add(values[y * size + x]);
        return result.ToArray();
    }

    [GeneratedRegex("^[12](\\.(0|[1-9][0-9]*))+$")]
    private static partial Regex UidPattern();
}

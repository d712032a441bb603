namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// Rejection reasons become quarantine reasons, logs and HTML, so they never quote a string the file supplied: a
/// hostile file can put a patient's name in any tag.
/// </summary>
public class ErrorMessagePrivacyTests
{
    private const string Name = "Aardvark^Abelard";

    [Fact]
    public void A_fractional_integer_string_is_named_by_its_tag_not_its_value()
    {
        var ds = TestImages.Image(2, 2, 8, signed: false);
        ds.AddString(DicomTags.InstanceNumber, DicomVR.IS, "7\\12345678.5"); // an MRN-like number with a fraction
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, [0, 1, 2, 3]);
        var bytes = DicomWriter.ToBytes(ds, TransferSyntax.ExplicitVRLittleEndian);

        var e = Assert.ThrowsAny<DicomFormatException>(() => DicomReader.Read(bytes));

        Assert.Contains("IS value is not an integer", e.Message);
        Assert.DoesNotContain("12345678", e.Message);
    }

    [Theory]
    [InlineData(Name, "(not a defined term)")]
    [InlineData("HSV", "HSV")]
    public void An_unsupported_photometric_interpretation_is_quoted_only_when_it_is_a_defined_term(string photometric, string shown)
    {
        var ds = TestImages.Image(2, 2, 8, signed: false, photometric: photometric);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, [0, 1, 2, 3]);
        var file = TestImages.RoundTrip(ds, TransferSyntax.ExplicitVRLittleEndian);

        var e = Assert.ThrowsAny<DicomFormatException>(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));

        Assert.Equal($"photometric interpretation {shown} is not supported for rendering yet", e.Message);
        Assert.DoesNotContain("Aardvark", e.Message);
    }
}

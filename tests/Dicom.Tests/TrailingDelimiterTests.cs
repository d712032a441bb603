namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// A stray Sequence Delimitation Item as the last 8 bytes of a dataset (fo-dicom's DIRW0007 writes its pixel data's
/// delimiter twice): ignored with a warning by the lenient reader, rejected by Strict; anywhere else it is rejected.
/// </summary>
public class TrailingDelimiterTests
{
    private static readonly byte[] Delimiter = [0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];

    private static byte[] Encapsulated()
    {
        var ds = TestImages.Image(4, 4, 8, false);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, new ReadOnlyMemory<byte>[] { Array.Empty<byte>(), new byte[] { 1, 2, 3, 4 } }));
        return DicomWriter.ToBytes(ds, TransferSyntax.RLELossless);
    }

    [Fact]
    public void A_second_delimiter_after_encapsulated_pixel_data_is_ignored_with_a_warning()
    {
        byte[] bytes = [.. Encapsulated(), .. Delimiter];
        var file = DicomReader.Read(bytes);
        Assert.Equal(2, file.Dataset[DicomTags.PixelData]!.Fragments!.Count);
        Assert.Equal($"stray Sequence Delimitation Item after the last element ignored at offset {bytes.Length - 8}", Assert.Single(file.Warnings));
        Assert.Empty(DicomReader.Read(Encapsulated()).Warnings);
    }

    [Fact]
    public void Strict_rejects_the_stray_delimiter_with_its_offset()
    {
        byte[] bytes = [.. Encapsulated(), .. Delimiter];
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes, new DicomReaderOptions { Strict = true }));
        Assert.Equal($"unexpected (FFFE,E0DD) inside a dataset at offset {bytes.Length - 8}", e.Message);
    }

    [Fact]
    public void A_delimiter_followed_by_more_data_is_rejected()
    {
        var ds = TestImages.Image(4, 4, 8, false);
        var plain = DicomWriter.ToBytes(ds);
        // A delimiter, then one more element (Pixel Data, OB, 2 bytes) after it.
        byte[] bytes = [.. plain, .. Delimiter, 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 2, 0, 0, 0, 7, 7];
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));
        Assert.Equal($"unexpected (FFFE,E0DD) inside a dataset at offset {plain.Length}", e.Message);
    }

    [SharedDataFact("data/dicom/fo-dicom-testdata/Tests/FO-DICOM.Tests/Test Data/DIRW0007")]
    public void DIRW0007_is_read_leniently_and_rejected_strictly()
    {
        var bytes = File.ReadAllBytes(SharedData.Require("data/dicom/fo-dicom-testdata/Tests/FO-DICOM.Tests/Test Data/DIRW0007"));
        var file = DicomReader.Read(bytes);
        Assert.Equal(65, file.Dataset.GetInt(DicomTags.NumberOfFrames));
        Assert.True(file.Dataset[DicomTags.PixelData]!.Fragments!.Count >= 66);
        Assert.Equal($"stray Sequence Delimitation Item after the last element ignored at offset {bytes.Length - 8}", Assert.Single(file.Warnings));
        Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes, new DicomReaderOptions { Strict = true }));
    }
}

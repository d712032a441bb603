namespace RadiologyNet.Dicom.Tests;

public class ErrorTests
{
    private static byte[] SmallFile(string ts = TransferSyntax.ExplicitVRLittleEndian)
    {
        var ds = TestImages.Image(8, 8, 16, false);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Test^Patient");
        var item = new DicomDataset();
        item.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "CODE");
        ds.AddSequence(new DicomTag(0x0008, 0x2218), item);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, Enumerable.Range(0, 64).ToArray()));
        return DicomWriter.ToBytes(ds, ts);
    }

    [Fact]
    public void Unsupported_syntax_names_the_syntax_when_rendering_but_tags_still_read()
    {
        // HTJ2K: no codec in any build (GDCM 3.0.21 predates it).
        var ds = TestImages.Image(8, 8, 8, false);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, new ReadOnlyMemory<byte>[] { Array.Empty<byte>(), new byte[] { 0xFF, 0x4F, 0xFF, 0xD9 } }));
        var file = DicomReader.Read(DicomWriter.ToBytes(ds, TransferSyntax.HTJ2KLossless));
        Assert.Equal(TransferSyntax.HTJ2KLossless, file.TransferSyntaxUid);
        Assert.Equal(8, file.Dataset.GetInt(DicomTags.Rows));
        Assert.Equal(2, file.Dataset[DicomTags.PixelData]!.Fragments!.Count);
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));
        Assert.Equal("unsupported transfer syntax High-Throughput JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.201)", e.Message);
        Assert.Equal(TransferSyntax.HTJ2KLossless, e.Uid);
    }

    [Fact]
    public void Truncated_file_is_rejected_with_an_offset()
    {
        var bytes = SmallFile();
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes.AsMemory(0, bytes.Length - 10), Strict));
        Assert.Contains("(7FE0,0010) declares length 128 but only 118 bytes remain at offset", e.Message);
        // Lenient (the default): the short value is kept, never more than the bytes present, with a warning.
        var lenient = DicomReader.Read(bytes.AsMemory(0, bytes.Length - 10));
        Assert.Equal(118, lenient.Dataset[DicomTags.PixelData]!.Value.Length);
        Assert.Contains("(7FE0,0010) declares length 128 but only 118 bytes remain; kept those at offset", Assert.Single(lenient.Warnings));
        for (var cut = 1; cut < bytes.Length; cut += 7)
        {
            try
            {
                var file = DicomReader.Read(bytes.AsMemory(0, cut));
                if (file.Dataset.Contains(DicomTags.PixelData)) PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid);
            }
            catch (DicomFormatException) { }
        }
    }

    [Fact]
    public void Length_overflow_is_rejected()
    {
        var bytes = SmallFile();
        // Find the PatientName element (0010,0010 'PN') and make its 16-bit length absurd.
        var i = bytes.AsSpan().IndexOf(new byte[] { 0x10, 0x00, 0x10, 0x00, (byte)'P', (byte)'N' });
        bytes[i + 6] = 0xFF;
        bytes[i + 7] = 0xFF;
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes, Strict));
        Assert.Contains("(0010,0010) declares length 65535", e.Message);
        Assert.Contains($"at offset {i}", e.Message);

        var ut = TestImages.Image(1, 1, 8, false);
        ut.AddBytes(new DicomTag(0x0008, 0x0030 + 0x0000), DicomVR.UT, new byte[4]);
        var b = DicomWriter.ToBytes(ut);
        var j = b.AsSpan().IndexOf(new byte[] { 0x08, 0x00, 0x30, 0x00, (byte)'U', (byte)'T' });
        BitConverter.TryWriteBytes(b.AsSpan(j + 8), 0xFFFFFFF0u);
        Assert.Contains("declares length 4294967280", Assert.Throws<DicomFormatException>(() => DicomReader.Read(b, Strict)).Message);
        Assert.Contains("declares length 4294967280", Assert.Single(DicomReader.Read(b).Warnings));
    }

    private static readonly DicomReaderOptions Strict = new() { Strict = true };

    private static DicomDataset Nested(int depth)
    {
        var ds = new DicomDataset();
        ds.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "LEAF");
        for (var i = 0; i < depth; i++)
        {
            var parent = new DicomDataset();
            parent.AddSequence(new DicomTag(0x0008, 0x2218), ds);
            ds = parent;
        }
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3");
        return ds;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deep_nesting_is_capped(bool undefined)
    {
        var options = new DicomWriteOptions { UndefinedSequenceLengths = undefined };
        var ok = DicomReader.Read(DicomWriter.ToBytes(Nested(64), TransferSyntax.ExplicitVRLittleEndian, options));
        Assert.Single(ok.Dataset.GetSequence(new DicomTag(0x0008, 0x2218)));
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(DicomWriter.ToBytes(Nested(65), TransferSyntax.ImplicitVRLittleEndian, options)));
        Assert.Contains("nesting deeper than 64", e.Message);
        Assert.Contains("offset", e.Message);
    }

    [Fact]
    public void Element_count_is_capped()
    {
        var bytes = SmallFile();
        var e = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes, new DicomReaderOptions { MaxElements = 5 }));
        Assert.Contains("more than 5 data elements", e.Message);
    }

    [Fact]
    public void Absurd_image_size_is_rejected()
    {
        var ds = TestImages.Image(4096, 4096, 16, false, frames: 1000);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[128]);
        var file = TestImages.RoundTrip(ds, TransferSyntax.ExplicitVRLittleEndian);
        var e = Assert.Throws<DicomFormatException>(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));
        Assert.Contains("Pixel Data has 128 bytes", e.Message);
        Assert.Throws<DicomFormatException>(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid, 999));
        var huge = TestImages.Image(65535, 65535, 32, false, samples: 3, photometric: "RGB");
        huge.AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[128]);
        Assert.Contains("(12884.5 megapixels) exceeds the decode budget of 40 megapixels", Assert.Throws<DicomFormatException>(() => PixelPipeline.Render(huge, TransferSyntax.ExplicitVRLittleEndian)).Message);
    }

    [Theory]
    [InlineData(new byte[0], "empty file")]
    [InlineData(new byte[] { 0x54, 0x68, 0x69, 0x73, 0x20, 0x69, 0x73, 0x20, 0x6E, 0x6F, 0x74 }, "not DICOM")]
    public void Non_dicom_input_is_rejected(byte[] bytes, string message) =>
        Assert.Contains(message, Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes)).Message);

    [Fact]
    public void Raw_dataset_without_meta_is_detected()
    {
        var bytes = SmallFile(TransferSyntax.ImplicitVRLittleEndian);
        var metaLength = BitConverter.ToUInt32(bytes, 132 + 8);
        var raw = bytes.AsMemory(132 + 12 + (int)metaLength);
        var file = DicomReader.Read(raw);
        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntaxUid);
        Assert.Equal("Test^Patient", file.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal(63, PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values[^1]);
    }
}

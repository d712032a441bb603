namespace RadiologyNet.Dicom.Tests;

/// <summary>Header-only reads of Deflated Explicit VR Little Endian files stop inflating at the pixel data.</summary>
public class DeflatedHeaderTests
{
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>A 1024×1024 16-bit image of zeros: 2 MiB inflated, a few KiB deflated.</summary>
    private static DicomDataset LargeImage()
    {
        var ds = TestImages.Image(1024, 1024, 16, false);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Deflate^Header");
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, new byte[1024 * 1024 * 2]);
        return ds;
    }

    [Fact]
    public void Header_read_inflates_only_up_to_the_pixel_data()
    {
        var bytes = DicomWriter.ToBytes(LargeImage(), TransferSyntax.DeflatedExplicitVRLittleEndian);
        DicomReader.Read(bytes, HeaderOnly); // warm-up (JIT, dictionaries)
        var before = GC.GetAllocatedBytesForCurrentThread();
        var header = DicomReader.Read(bytes, HeaderOnly);
        var headerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var full = DicomReader.Read(bytes);
        var fullAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(full.Dataset.Count - 1, header.Dataset.Count);
        Assert.Equal("Deflate^Header", header.Dataset.GetString(DicomTags.PatientName));
        Assert.True(fullAllocated > 2 * 1024 * 1024, $"full read allocated {fullAllocated} bytes");
        Assert.True(headerAllocated < 256 * 1024, $"header read allocated {headerAllocated} bytes");
    }

    [Fact]
    public void Bytes_that_look_like_pixel_data_inside_values_do_not_stop_the_header_read()
    {
        // The pixel data tag and a plausible header inside an OB value, a private text value and a sequence item.
        byte[] fake = [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W', 0, 0, 4, 0, 0, 0];
        var ds = TestImages.Image(4, 4, 16, false);
        ds.AddBytes(new DicomTag(0x0009, 0x0010), DicomVR.LO, "RADNET TEST "u8.ToArray());
        ds.AddBytes(new DicomTag(0x0009, 0x1001), DicomVR.OB, [.. fake, .. fake]);
        var item = new DicomDataset().AddBytes(new DicomTag(0x0008, 0x0100), DicomVR.SH, [.. fake]);
        ds.AddSequence(new DicomTag(0x0008, 0x1032), item);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "After^Fakes");
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, Enumerable.Range(0, 16).ToArray()));
        var bytes = DicomWriter.ToBytes(ds, TransferSyntax.DeflatedExplicitVRLittleEndian);

        var full = DicomReader.Read(bytes).Dataset;
        var header = DicomReader.Read(bytes, HeaderOnly).Dataset;

        Assert.Equal(full.Where(e => e.Tag != DicomTags.PixelData).Select(e => e.Tag), header.Select(e => e.Tag));
        Assert.Equal("After^Fakes", header.GetString(DicomTags.PatientName));
        Assert.Equal(24, header[new DicomTag(0x0009, 0x1001)]!.Value.Length);
        Assert.Single(header.GetSequence(new DicomTag(0x0008, 0x1032)));
    }

    [Fact]
    public void A_deflated_file_without_pixel_data_is_read_whole()
    {
        var ds = TestImages.Image(4, 4, 16, false);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "No^Pixels");
        var bytes = DicomWriter.ToBytes(ds, TransferSyntax.DeflatedExplicitVRLittleEndian);
        var header = DicomReader.Read(bytes, HeaderOnly).Dataset;
        Assert.Equal(DicomReader.Read(bytes).Dataset.Count, header.Count);
        Assert.Equal("No^Pixels", header.GetString(DicomTags.PatientName));
    }
}

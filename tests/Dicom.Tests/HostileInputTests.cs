namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// The hostile corpus of the security review: deflate bombs and declared geometry that dwarfs the data. Each file is
/// rejected with a reason that names the limit, and the rejection costs a bounded amount of memory.
/// </summary>
public class HostileInputTests
{
    private const long Mib = 1 << 20;
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>Bytes allocated on this thread by <paramref name="action"/>, which must throw a <see cref="DicomFormatException"/>.</summary>
    private static (long Allocated, string Message) Rejection(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<DicomFormatException>(action);
        return (GC.GetAllocatedBytesForCurrentThread() - before, e.Message);
    }

    [Fact]
    public void A_header_scan_of_a_deflate_bomb_stops_after_the_header_limit()
    {
        var bomb = HostileFiles.DeflateBomb("2.25.1", 256 * Mib, pixelDataFirst: false);
        Assert.True(bomb.Length < 512 * 1024, $"the bomb is {bomb.Length} bytes");

        var (allocated, message) = Rejection(() => DicomReader.Read(bomb, HeaderOnly));

        Assert.StartsWith("header scan found no Pixel Data in the first 16777216 inflated bytes (header limit)", message);
        Assert.True(allocated < 48 * Mib, $"the header scan allocated {allocated} bytes");
    }

    [Fact]
    public void A_full_read_of_a_deflate_bomb_stops_at_the_inflation_ratio()
    {
        var bomb = HostileFiles.DeflateBomb("2.25.2", 64 * Mib, pixelDataFirst: true);
        Assert.Equal(64, DicomReader.Read(bomb, HeaderOnly).Dataset.GetInt(DicomTags.Rows)); // a header scan passes it

        var (allocated, message) = Rejection(() => DicomReader.Read(bomb));

        Assert.StartsWith("deflated dataset inflates more than 100:1, past 16777216 bytes from ", message);
        Assert.Contains("(inflation ratio limit)", message);
        Assert.True(allocated < 48 * Mib, $"the full read allocated {allocated} bytes");
    }

    [Fact]
    public void A_deflated_dataset_larger_than_the_size_limit_is_rejected_whatever_its_ratio()
    {
        var bomb = HostileFiles.DeflateBomb("2.25.3", 64 * Mib, pixelDataFirst: true);
        var options = new DicomReaderOptions { MaxInflationRatio = 1e6, MaxDecodedMegapixels = 1 };
        Assert.Equal(4_000_000 + 16 * Mib, options.MaxInflatedBytes); // sized from the decode budget

        var (_, message) = Rejection(() => DicomReader.Read(bomb, options));

        Assert.StartsWith($"deflated dataset inflates to more than {4_000_000 + 16 * Mib} bytes (inflated size limit)", message);
    }

    [Fact]
    public void A_deflated_image_under_the_limits_reads_whole()
    {
        // 8 MiB of zeros deflate far beyond 100:1, but stay under the 16 MiB below which the ratio is not checked.
        var file = DicomReader.Read(HostileFiles.DeflateBomb("2.25.4", 8 * Mib, pixelDataFirst: true));
        Assert.Equal(8 * Mib, file.Dataset[new DicomTag(0xFFFC, 0xFFFC)]!.Value.Length);
        Assert.Equal(64 * 64, PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values.Length);
    }

    [Fact]
    public void An_rle_image_declaring_16384_squared_pixels_is_rejected_by_the_decode_budget_before_decoding()
    {
        var bomb = HostileFiles.RleGeometryBomb("2.25.5", 16384, 16384, valid: true);
        Assert.True(bomb.Length < 5 * Mib, $"the file is {bomb.Length} bytes");
        var file = DicomReader.Read(bomb);

        var (allocated, message) = Rejection(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));

        Assert.Equal("image of 16384x16384x1 samples (268.4 megapixels) exceeds the decode budget of 40 megapixels", message);
        Assert.True(allocated < Mib, $"the rejection allocated {allocated} bytes");
    }

    [Fact]
    public void The_decode_budget_is_configurable()
    {
        var file = DicomReader.Read(HostileFiles.RleGeometryBomb("2.25.6", 1024, 1024, valid: true));
        var image = PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid);
        Assert.Equal(1024 * 1024, image.Data.Length);
        var (_, message) = Rejection(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid, options: new DicomReaderOptions { MaxDecodedMegapixels = 1 }));
        Assert.Equal("image of 1024x1024x1 samples (1 megapixels) exceeds the decode budget of 1 megapixels", message);
    }

    [Fact]
    public void An_rle_segment_too_short_for_the_declared_geometry_is_rejected_before_allocating_the_frame()
    {
        // 4096² = 16.8 megapixels, within the budget; 64 bytes of PackBits decode to at most 4096 of them.
        var file = DicomReader.Read(HostileFiles.RleGeometryBomb("2.25.7", 4096, 4096, valid: false));

        var (allocated, message) = Rejection(() => PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid));

        Assert.Equal("RLE frame 0 segment 0 has 64 bytes, too few to decode to the 16777216 bytes of a 4096x4096 frame (RLE expands at most 64:1) at fragment offset 64", message);
        Assert.True(allocated < Mib, $"the rejection allocated {allocated} bytes");
    }

    [Fact]
    public void Rendering_keeps_no_widened_copy_of_the_frame()
    {
        // A 2048² 16-bit native frame: the rendered floats (16 MiB) are the only frame-sized allocation; doubles would be 32 MiB more.
        var ds = TestImages.Image(2048, 2048, 16, false);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, Enumerable.Range(0, 2048 * 2048).Select(i => i % 4000).ToArray()));
        var file = DicomReader.Read(DicomWriter.ToBytes(ds));
        PixelPipeline.RenderWithStoredRange(file.Dataset, file.TransferSyntaxUid); // warm-up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (image, min, max) = PixelPipeline.RenderWithStoredRange(file.Dataset, file.TransferSyntaxUid);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((0.0, 3999.0), (min, max));
        Assert.Equal(2048 * 2048, image.Data.Length);
        Assert.True(allocated < 2048 * 2048 * 4 + 2 * Mib, $"rendering allocated {allocated} bytes");
    }

    [Fact]
    public void Running_out_of_memory_while_decoding_rejects_the_file()
    {
        const string syntax = "1.2.826.0.1.3680043.10.1013.99"; // a syntax of this test only
        RadiologyNet.Dicom.Codecs.PixelCodecRegistry.Default.Register(syntax, new ExhaustedCodec());
        var ds = HostileFiles.Header("2.25.8");
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, new ReadOnlyMemory<byte>[] { Array.Empty<byte>(), new byte[16] }));

        var e = Assert.Throws<DicomFormatException>(() => PixelPipeline.Render(ds, syntax));

        Assert.Equal(DecodeMemory.Reason, e.Message);
        Assert.IsType<OutOfMemoryException>(e.InnerException);
    }

    /// <summary>A codec whose decoder runs out of memory, as a real one does on a frame too large for the heap.</summary>
    private sealed class ExhaustedCodec : RadiologyNet.Dicom.Codecs.IPixelCodec
    {
        public string Name => "exhausted";

        public RadiologyNet.Dicom.Codecs.DecodedFrame Decode(ReadOnlyMemory<byte> encoded, ImagePixelModule module, string transferSyntaxUid, int frameIndex) =>
            throw new OutOfMemoryException();
    }
}

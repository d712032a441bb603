namespace RadiologyNet.Dicom.Tests;

public class PixelPipelineTests
{
    private static DicomDataset Grey(int bits, bool signed, int[] raw, int? bitsStored = null, int? highBit = null, string photometric = "MONOCHROME2")
    {
        var ds = TestImages.Image(1, raw.Length, bits, signed, photometric: photometric, bitsStored: bitsStored);
        if (highBit is { } hb) ds.AddUInt16(DicomTags.HighBit, (ushort)hb);
        ds.AddBytes(DicomTags.PixelData, bits == 8 ? DicomVR.OB : DicomVR.OW, TestImages.Pixels(bits, raw));
        return ds;
    }

    private const string Ts = TransferSyntax.ExplicitVRLittleEndian;

    [Fact]
    public void Window_follows_the_linear_formula_of_C_11_2_1_2()
    {
        var ds = Grey(16, false, [0, 50, 100, 150, 200]);
        ds.AddDecimals(DicomTags.WindowCenter, 100, 40);
        ds.AddDecimals(DicomTags.WindowWidth, 101, 80);
        // c - 0.5 = 99.5, (w - 1) / 2 = 50: x <= 49.5 → 0, x > 149.5 → 1, else (x - 99.5) / 100 + 0.5
        Assert.Equal(new[] { 0f, 0.005f, 0.505f, 1f, 1f }, PixelPipeline.Render(ds, Ts).Data);
    }

    [Fact]
    public void Rescale_gives_modality_values_and_window_applies_after_it()
    {
        var ds = Grey(16, true, [-1024, 0, 1000]);
        ds.AddDecimals(DicomTags.RescaleSlope, 2);
        ds.AddDecimals(DicomTags.RescaleIntercept, -100);
        Assert.Equal(new double[] { -2148, -100, 1900 }, PixelPipeline.ModalityValues(ds, Ts).Values);
        ds.AddDecimals(DicomTags.WindowCenter, -100);
        ds.AddDecimals(DicomTags.WindowWidth, 1);
        Assert.Equal(new[] { 0f, 1f, 1f }, PixelPipeline.Render(ds, Ts).Data);
        ds.AddDecimals(DicomTags.WindowCenter, 0);
        ds.AddDecimals(DicomTags.WindowWidth, 4001); // c-0.5-2000 = -2000.5 .. 1999.5
        Assert.Equal(new[] { 0f, (float)((-100 + 0.5) / 4000 + 0.5), (float)((1900 + 0.5) / 4000 + 0.5) }, PixelPipeline.Render(ds, Ts).Data);
    }

    [Fact]
    public void Without_window_the_frame_min_max_is_used()
    {
        var ds = Grey(8, false, [10, 20, 30, 50]);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 1f }, PixelPipeline.Render(ds, Ts).Data);
        var flat = Grey(8, false, [7, 7]);
        Assert.Equal(new[] { 0f, 0f }, PixelPipeline.Render(flat, Ts).Data);
    }

    [Fact]
    public void Monochrome1_and_inverse_presentation_lut_invert()
    {
        var mono1 = Grey(16, false, [0, 5, 10], photometric: "MONOCHROME1");
        Assert.Equal(new[] { 1f, 0.5f, 0f }, PixelPipeline.Render(mono1, Ts).Data);
        var inverse = Grey(16, false, [0, 5, 10]);
        inverse.AddString(DicomTags.PresentationLUTShape, DicomVR.CS, "INVERSE");
        Assert.Equal(new[] { 1f, 0.5f, 0f }, PixelPipeline.Render(inverse, Ts).Data);
        var identity = Grey(16, false, [0, 5, 10]);
        identity.AddString(DicomTags.PresentationLUTShape, DicomVR.CS, "IDENTITY");
        Assert.Equal(new[] { 0f, 0.5f, 1f }, PixelPipeline.Render(identity, Ts).Data);
    }

    [Fact]
    public void Signed_16_bit_values_are_sign_extended()
    {
        var ds = Grey(16, true, [-1, -32768, 32767, 0]);
        Assert.Equal(new double[] { -1, -32768, 32767, 0 }, PixelPipeline.StoredValues(ds, Ts).Values);
    }

    [Fact]
    public void Bits_stored_12_masks_high_bits_and_sign_extends()
    {
        var unsigned = Grey(16, false, [unchecked((short)0xF123), 0x0FFF, 0x0000], bitsStored: 12);
        Assert.Equal(new double[] { 0x123, 4095, 0 }, PixelPipeline.StoredValues(unsigned, Ts).Values);
        Assert.Equal(new double[] { 0xF123, 4095, 0 }, PixelPipeline.StoredValues(unsigned, Ts, applyBitsStored: false).Values);

        var signed = Grey(16, true, [0x0800, 0x0FFF, unchecked((short)0xF7FF), 0x0001], bitsStored: 12);
        Assert.Equal(new double[] { -2048, -1, 2047, 1 }, PixelPipeline.StoredValues(signed, Ts).Values);
        Assert.Equal(new double[] { 2048, 4095, -2049, 1 }, PixelPipeline.StoredValues(signed, Ts, applyBitsStored: false).Values);

        var shifted = Grey(16, false, [0x1230, 0xFFF0], bitsStored: 12, highBit: 15);
        Assert.Equal(new double[] { 0x123, 0xFFF }, PixelPipeline.StoredValues(shifted, Ts).Values);
    }

    [Fact]
    public void Ybr_full_renders_grey_as_equal_rgb()
    {
        var ds = TestImages.Image(1, 2, 8, false, samples: 3, photometric: "YBR_FULL");
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, TestImages.Pixels(8, [255, 128, 128, 0, 128, 128]));
        var image = PixelPipeline.Render(ds, Ts);
        Assert.Equal(new[] { 1f, 1f, 1f, 0f, 0f, 0f }, image.Data);
    }

    [Fact]
    public void Palette_color_maps_indices()
    {
        var ds = TestImages.Image(1, 3, 8, false, photometric: "PALETTE COLOR");
        ds.AddUInt16(new DicomTag(0x0028, 0x1101), 4, 0, 16);
        ds.AddUInt16(new DicomTag(0x0028, 0x1102), 4, 0, 16);
        ds.AddUInt16(new DicomTag(0x0028, 0x1103), 4, 0, 16);
        ds.AddBytes(new DicomTag(0x0028, 0x1201), DicomVR.OW, TestImages.Pixels(16, [0, 65535, 0, 0]));
        ds.AddBytes(new DicomTag(0x0028, 0x1202), DicomVR.OW, TestImages.Pixels(16, [0, 0, 65535, 0]));
        ds.AddBytes(new DicomTag(0x0028, 0x1203), DicomVR.OW, TestImages.Pixels(16, [0, 0, 0, 65535]));
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, [1, 2, 3, 0]);
        ds.AddUInt16(DicomTags.Columns, 3);
        Assert.Equal(new[] { 1f, 0, 0, 0, 1f, 0, 0, 0, 1f }, PixelPipeline.Render(ds, Ts).Data);
    }
}

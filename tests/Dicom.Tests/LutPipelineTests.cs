namespace RadiologyNet.Dicom.Tests;

public class LutPipelineTests
{
    private const string Ts = TransferSyntax.ExplicitVRLittleEndian;

    private static DicomDataset Grey(int bits, bool signed, int[] raw, string photometric = "MONOCHROME2")
    {
        var ds = TestImages.Image(1, raw.Length, bits, signed, photometric: photometric);
        ds.AddBytes(DicomTags.PixelData, bits == 8 ? DicomVR.OB : DicomVR.OW, TestImages.Pixels(bits, raw));
        return ds;
    }

    private static DicomDataset LutItem(DicomVR descriptorVR, int entries, int first, int bits, int[] data, bool packedBytes = false)
    {
        var descriptor = new byte[6];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(descriptor, (ushort)entries);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(descriptor.AsSpan(2), (short)first);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(4), (ushort)bits);
        var item = new DicomDataset().AddBytes(LookupTable.LutDescriptor, descriptorVR, descriptor);
        return item.AddBytes(LookupTable.LutData, packedBytes ? DicomVR.OB : DicomVR.OW,
            packedBytes ? data.Select(v => (byte)v).ToArray() : TestImages.Pixels(16, data));
    }

    [Fact]
    public void Modality_lut_sequence_maps_with_clamping_and_signed_first_value()
    {
        // SS descriptor [4, -2, 16]: inputs -2..1 map to entries 0..3; below -2 → first entry, above 1 → last.
        var ds = Grey(16, true, [-5, -2, -1, 0, 1, 7]);
        ds.AddSequence(ModalityLut.ModalityLutSequence, LutItem(DicomVR.SS, 4, -2, 16, [100, 200, 300, 4000]));
        ds.AddDecimals(DicomTags.RescaleSlope, 10); // ignored: the sequence wins
        Assert.Equal(new double[] { 100, 100, 200, 300, 4000, 4000 }, PixelPipeline.ModalityValues(ds, Ts).Values);

        // Unsigned pixels with a US descriptor whose first value has the top bit set: 40000 is not negative.
        var us = Grey(16, false, [39999, 40000, 40001]);
        us.AddSequence(ModalityLut.ModalityLutSequence, LutItem(DicomVR.US, 2, unchecked((short)40000), 16, [7, 9]));
        Assert.Equal(new double[] { 7, 7, 9 }, PixelPipeline.ModalityValues(us, Ts).Values);

        // 8-bit entries packed two per word, and 0 entries meaning 65536 (one per word then).
        var packed = Grey(8, false, [0, 1, 2]);
        packed.AddSequence(ModalityLut.ModalityLutSequence, LutItem(DicomVR.US, 4, 0, 8, [5, 6, 250, 251], packedBytes: true));
        Assert.Equal(new double[] { 5, 6, 250 }, PixelPipeline.ModalityValues(packed, Ts).Values);
        Assert.Equal(65536, LookupTable.FromItem(LutItem(DicomVR.US, 0, 0, 16, new int[65536]), false)!.Entries.Length);
        Assert.Null(LookupTable.FromItem(LutItem(DicomVR.US, 4, 0, 16, [1, 2]), false)); // data too short
    }

    [Fact]
    public void Voi_lut_sequence_scales_by_its_bit_depth_when_there_is_no_window()
    {
        var ds = Grey(16, false, [0, 1, 2, 3]);
        ds.AddSequence(VoiLut.VoiLutSequence, LutItem(DicomVR.US, 3, 1, 12, [0, 4095, 1365]));
        // 0 → first entry 0; 1 → 0; 2 → 4095/4095; 3 → 1365/4095
        Assert.Equal(new[] { 0f, 0f, 1f, 1365f / 4095f }, PixelPipeline.Render(ds, Ts).Data);
        ds.AddDecimals(DicomTags.WindowCenter, 2);
        ds.AddDecimals(DicomTags.WindowWidth, 3); // LINEAR: c-0.5=1.5, half=1: x<=0.5 → 0, x>2.5 → 1, else (x-1.5)/2+0.5
        Assert.Equal(new[] { 0f, 0.25f, 0.75f, 1f }, PixelPipeline.Render(ds, Ts).Data);
    }

    [Fact]
    public void Linear_exact_and_sigmoid_follow_C_11_2_1_3()
    {
        var exact = new VoiWindow(100, 50, VoiLutFunction.LinearExact);
        // x <= 75 → 0; x > 125 → 1; else (x - 100) / 50 + 0.5
        Assert.Equal(new[] { 0f, 0f, 0.02f, 0.5f, 0.7f, 1f, 1f }, new double[] { 0, 75, 76, 100, 110, 125, 126 }.Select(exact.Map).ToArray());
        var sigmoid = new VoiWindow(100, 50, VoiLutFunction.Sigmoid);
        // 1 / (1 + exp(-4 (x - 100) / 50)): x=100 → 0.5; x=125 → 1/(1+e^-2) = 0.880797077977882; x=75 → 0.119202922022118
        Assert.Equal(new[] { 0.5f, 0.880797077977882f, 0.119202922022118f }, new double[] { 100, 125, 75 }.Select(sigmoid.Map).ToArray());

        var ds = Grey(16, false, [75, 110, 126]);
        ds.AddDecimals(DicomTags.WindowCenter, 100);
        ds.AddDecimals(DicomTags.WindowWidth, 50);
        ds.AddString(VoiWindow.VoiLutFunctionTag, DicomVR.CS, "LINEAR_EXACT");
        Assert.Equal(new[] { 0f, 0.7f, 1f }, PixelPipeline.Render(ds, Ts).Data);
        ds.AddString(VoiWindow.VoiLutFunctionTag, DicomVR.CS, "SIGMOID");
        Assert.Equal(new[] { 0.119202922022118f, (float)(1 / (1 + Math.Exp(-0.8))), (float)(1 / (1 + Math.Exp(-2.08))) }, PixelPipeline.Render(ds, Ts).Data);
        // Width 0.5 is valid for LINEAR_EXACT and SIGMOID, not for LINEAR.
        ds.AddDecimals(DicomTags.WindowWidth, 0.5);
        Assert.Equal(VoiLutFunction.Sigmoid, VoiWindow.From(ds)!.Value.Function);
        ds.Remove(VoiWindow.VoiLutFunctionTag);
        Assert.Null(VoiWindow.From(ds));
    }

    [Fact]
    public void Auto_window_uses_nearest_rank_half_percent_tails()
    {
        // 1000 values: 0 ×4, 1..991, 5000 ×5. Ranks: 0.5% → ceil(5) = 5th value = 1; 99.5% → ceil(995) = 995th value = 991.
        var values = Enumerable.Repeat(0.0, 4).Concat(Enumerable.Range(1, 991).Select(i => (double)i)).Concat(Enumerable.Repeat(5000.0, 5)).ToArray();
        Assert.Equal(new VoiWindow(496, 990, VoiLutFunction.LinearExact), AutoWindow.From(values));
        // Non-integral values take the sorting path: same ranks.
        var scaled = values.Select(v => v * 0.5 + 0.25).ToArray();
        Assert.Equal(new VoiWindow(248.25, 495, VoiLutFunction.LinearExact), AutoWindow.From(scaled));
        Assert.Null(AutoWindow.From([3, 3, 3]));
        // 999 zeros and one 10: the percentiles coincide, so min..max is used.
        Assert.Equal(new VoiWindow(5, 10, VoiLutFunction.LinearExact), AutoWindow.From([.. new double[999], 10]));

        // A CT frame with no window: HU outliers (-3024 padding, a 3000 HU implant) do not set the range.
        var hu = Enumerable.Repeat(-3024, 4).Concat(Enumerable.Range(0, 992).Select(i => i - 500)).Concat(Enumerable.Repeat(3000, 4)).ToArray();
        var ct = Grey(16, true, hu);
        ct.AddString(DicomTags.Modality, DicomVR.CS, "CT");
        var image = PixelPipeline.Render(ct, Ts).Data;
        // ranks 5 and 995 of the sorted 1000: -500 and 490 → window [-500, 490]
        Assert.Equal(0f, image[0]);
        Assert.Equal(0f, image[4]);
        Assert.Equal(0.5f, image[4 + 495]); // -5 → (-5 + 500) / 990
        Assert.Equal(1f, image[4 + 990]);
        Assert.Equal(1f, image[^1]);
    }

    [Fact]
    public void Ict_and_rct_conversions_are_exact()
    {
        // RCT, half 128: RGB (200, 100, 50) → Y = floor(450/4) = 112, Cb = 50-100+128 = 78, Cr = 200-100+128 = 228
        Assert.Equal((112, 78, 228), YbrConversion.RgbToRct(200, 100, 50, 128));
        Assert.Equal((200, 100, 50), YbrConversion.RctToRgb(112, 78, 228, 128));
        // floor of a negative sum: Cb+Cr-256 = -2 → floor(-0.5) = -1: G = 10 + 1 = 11, R = 127-128+11 = 10, B = 127-128+11 = 10
        Assert.Equal((10, 11, 10), YbrConversion.RctToRgb(10, 127, 127, 128));
        Assert.Equal((10, 127, 127), YbrConversion.RgbToRct(10, 11, 10, 128));
        for (var r = 0; r < 256; r += 15)
            for (var g = 0; g < 256; g += 17)
                for (var b = 0; b < 256; b += 13)
                {
                    var (y, cb, cr) = YbrConversion.RgbToRct(r, g, b, 128);
                    Assert.Equal((r, g, b), YbrConversion.RctToRgb(y, cb, cr, 128));
                }
        // ICT: Y=100, Cb=128+10, Cr=128-20 → R = 100 - 28.04 = 71.96, G = 100 - 3.44136 + 14.28272 = 110.84136, B = 100 + 17.72 = 117.72
        var (ir, ig, ib) = YbrConversion.IctToRgb(100, 138, 108, 128);
        Assert.Equal(71.96, ir, 12);
        Assert.Equal(110.84136, ig, 12);
        Assert.Equal(117.72, ib, 12);
        var (yy, icb, icr) = YbrConversion.RgbToIct(255, 255, 255, 128);
        Assert.Equal(255, yy, 9);
        Assert.Equal(127.99745, icb, 9); // the standard's Cb row sums to -0.00001, not 0
        Assert.Equal(128, icr, 9);
    }

    [Fact]
    public void Ybr_rct_and_ict_frames_render_as_rgb()
    {
        var rct = TestImages.Image(1, 2, 8, false, samples: 3, photometric: "YBR_RCT");
        rct.AddBytes(DicomTags.PixelData, DicomVR.OB, TestImages.Pixels(8, [112, 78, 228, 255, 128, 128]));
        Assert.Equal(new[] { 200f / 255, 100f / 255, 50f / 255, 1f, 1f, 1f }, PixelPipeline.Render(rct, Ts).Data);
        var ict = TestImages.Image(1, 1, 8, false, samples: 3, photometric: "YBR_ICT");
        ict.AddBytes(DicomTags.PixelData, DicomVR.OB, [100, 138, 108]);
        Assert.Equal(new[] { (float)(71.96 / 255), (float)((100 - 0.344136 * 10 + 0.714136 * 20) / 255), (float)(117.72 / 255) }, PixelPipeline.Render(ict, Ts).Data);
    }

    [Fact]
    public void One_bit_images_unpack_little_endian_bits()
    {
        // 3x4 = 12 pixels; byte 0 = 0b1000_0101 → pixels 0,2,7 set; byte 1 = 0b0000_1010 → pixels 9, 11 set.
        var ds = TestImages.Image(3, 4, 1, false);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, [0b1000_0101, 0b0000_1010]);
        Assert.Equal(new double[] { 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1 }, PixelPipeline.StoredValues(ds, Ts).Values);
        // Multi-frame, frames not byte aligned: 5 pixels per frame, frame 1 starts at bit 5.
        var mf = TestImages.Image(1, 5, 1, false, frames: 2);
        mf.AddBytes(DicomTags.PixelData, DicomVR.OB, [0b1110_0000, 0b0000_0011]);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0 }, PixelPipeline.StoredValues(mf, Ts, 0).Values);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1 }, PixelPipeline.StoredValues(mf, Ts, 1).Values);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 0f }, PixelPipeline.Render(mf, Ts, 0).Data); // flat frame
    }

    [Fact]
    public void Segmented_lut_segments_expand_per_C_7_9_2()
    {
        static byte[] Words(params int[] w) => TestImages.Pixels(16, w);
        // discrete [10, 20], linear to 60 over 4 → 30, 40, 50, 60
        Assert.Equal(new ushort[] { 10, 20, 30, 40, 50, 60 }, SegmentedLut.Expand(Words(0, 2, 10, 20, 1, 4, 60), 16, 100));
        // linear 0 → 5 over 2: 2.5 rounds half to even → 2, then 5; then 3 over 4 from 5: 4.5 → 4, 4, 3.5 → 4, 3
        Assert.Equal(new ushort[] { 0, 2, 5, 4, 4, 4, 3 }, SegmentedLut.Expand(Words(0, 1, 0, 1, 2, 5, 1, 4, 3), 16, 100));
        // indirect: replay 2 segments from byte offset 0 → [1, 2] then linear to 4 over 2 ([3, 4]), again
        Assert.Equal(new ushort[] { 1, 2, 3, 4, 1, 2, 3, 4 }, SegmentedLut.Expand(Words(0, 2, 1, 2, 1, 2, 4, 2, 2, 0, 0), 16, 100));
        // 8-bit tables are segmented in bytes; the output stops at the descriptor's entry count
        Assert.Equal(new ushort[] { 7, 8, 9 }, SegmentedLut.Expand([0, 3, 7, 8, 9, 0], 8, 3));
        Assert.Throws<DicomFormatException>(() => SegmentedLut.Expand(Words(1, 2, 5), 16, 10));
        Assert.Throws<DicomFormatException>(() => SegmentedLut.Expand(Words(3, 1, 0), 16, 10));
        Assert.Throws<DicomFormatException>(() => SegmentedLut.Expand(Words(0, 5, 1), 16, 10));
        Assert.Throws<DicomFormatException>(() => SegmentedLut.Expand(Words(0, 1, 1, 2, 1, 6, 0), 16, 10)); // an indirect segment at byte 6 replaying itself
    }

    [Fact]
    public void Segmented_palette_renders()
    {
        var ds = TestImages.Image(1, 3, 8, false, photometric: "PALETTE COLOR");
        foreach (var t in new[] { 0x1101, 0x1102, 0x1103 }) ds.AddUInt16(new DicomTag(0x0028, (ushort)t), 3, 0, 16);
        ds.AddBytes(new DicomTag(0x0028, 0x1221), DicomVR.OW, TestImages.Pixels(16, [0, 1, 0, 1, 2, 65535]));
        ds.AddBytes(new DicomTag(0x0028, 0x1222), DicomVR.OW, TestImages.Pixels(16, [0, 3, 65535, 0, 0]));
        ds.AddBytes(new DicomTag(0x0028, 0x1223), DicomVR.OW, TestImages.Pixels(16, [0, 1, 0, 1, 2, 0]));
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, [0, 1, 2, 0]);
        // red 0, 32768 (32767.5 → even), 65535; green 65535, 0, 0; blue 0, 0, 0
        Assert.Equal(new[] { 0f, 1f, 0f, 32768f / 65535, 0f, 0f, 1f, 0f, 0f }, PixelPipeline.Render(ds, Ts).Data);
    }

    [SharedDataFact("data/dicom")]
    public void Real_modality_lut_file_maps_through_its_table()
    {
        // mlut_18.dcm: SS descriptor [4096, -2048, 16]; table entry k is about 16 k (see its JSON).
        var file = DicomReader.ReadFile(SharedData.Require("data/dicom/pydicom-data/data_store/data/mlut_18.dcm"));
        var lut = ModalityLut.From(file.Dataset);
        Assert.NotNull(lut.Table);
        Assert.Equal(-2048, lut.Table!.FirstMapped);
        Assert.Equal(4096, lut.Table.Entries.Length);
        var stored = PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values;
        var modality = PixelPipeline.ModalityValues(file.Dataset, file.TransferSyntaxUid).Values;
        for (var i = 0; i < stored.Length; i++)
            Assert.Equal(lut.Table.Entries[Math.Clamp((int)stored[i] + 2048, 0, 4095)], modality[i]);
        Assert.Equal(0, lut.Table.Entries[0]);
        Assert.Equal(65535, lut.Table.Entries[4095]);
    }

    [SharedDataFact("data/dicom")]
    public void Aloka_segmented_palettes_render()
    {
        foreach (var name in new[] { "gdcm-US-ALOKA-16.dcm", "gdcm-US-ALOKA-16_big.dcm" })
        {
            var file = DicomReader.ReadFile(SharedData.Require("data/dicom/pydicom-data/data_store/data/" + name));
            var image = PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid, 0);
            Assert.Equal(3, image.Channels);
            Assert.Contains(image.Data, v => v > 0.2f);
            Assert.All(image.Data, v => Assert.InRange(v, 0f, 1f));
        }
    }
}

namespace RadiologyNet.Dicom.Tests;

public class RoundTripTests
{
    public static TheoryData<string, bool> Syntaxes => new()
    {
        { TransferSyntax.ExplicitVRLittleEndian, false },
        { TransferSyntax.ExplicitVRLittleEndian, true },
        { TransferSyntax.ImplicitVRLittleEndian, false },
        { TransferSyntax.ImplicitVRLittleEndian, true },
        { TransferSyntax.ExplicitVRBigEndian, false },
        { TransferSyntax.DeflatedExplicitVRLittleEndian, true },
    };

    private static DicomDataset RichDataset()
    {
        var ds = TestImages.Image(3, 4, 16, signed: true);
        ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.TextEncoding = System.Text.Encoding.UTF8;
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Müller^Zoë");
        ds.AddStrings(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.AddDecimals(DicomTags.PixelSpacing, 0.5, 0.25);
        ds.AddDecimals(DicomTags.RescaleSlope, 1);
        ds.AddDecimals(DicomTags.RescaleIntercept, -1024);
        ds.AddUInt32(new DicomTag(0x0020, 0x9057), 123456789); // InStackPositionNumber, UL
        var inner = new DicomDataset();
        inner.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "T-A0100");
        inner.AddString(new DicomTag(0x0008, 0x0104), DicomVR.LO, "Brain");
        var deeper = new DicomDataset();
        deeper.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "DEEP");
        inner.AddSequence(new DicomTag(0x0008, 0x2228), deeper);
        ds.AddSequence(new DicomTag(0x0008, 0x2218), inner, new DicomDataset());
        ds.AddSequence(new DicomTag(0x0040, 0x0275));
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, [-1000, -1, 0, 1, 2, 3, 4, 5, 32767, -32768, 100, 7]));
        return ds;
    }

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public void Dataset_survives_write_and_read(string ts, bool undefinedLengths)
    {
        var original = RichDataset();
        var file = TestImages.RoundTrip(original, ts, new DicomWriteOptions { UndefinedSequenceLengths = undefinedLengths });
        Assert.Equal(ts, file.TransferSyntaxUid);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", file.Meta.GetString(DicomTags.MediaStorageSOPClassUID));
        Assert.Equal("2.25.1234567890", file.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomWriter.ImplementationClassUid, file.Meta.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(new byte[] { 0, 1 }, file.Meta[DicomTags.FileMetaInformationVersion]!.Value.ToArray());
        AssertSame(original, file.Dataset, ts == TransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal("Müller^Zoë", file.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal("DEEP", file.Dataset.GetSequence(new DicomTag(0x0008, 0x2218))[0].GetSequence(new DicomTag(0x0008, 0x2228))[0].GetString(new DicomTag(0x0008, 0x0100)));
        var values = PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values;
        Assert.Equal(new double[] { -1000, -1, 0, 1, 2, 3, 4, 5, 32767, -32768, 100, 7 }, values);
    }

    internal static void AssertSame(DicomDataset expected, DicomDataset actual, bool implicitVR)
    {
        Assert.Equal(expected.Select(e => e.Tag), actual.Select(e => e.Tag));
        foreach (var e in expected)
        {
            var a = actual[e.Tag]!;
            if (!(implicitVR && e.Tag == DicomTags.PixelData)) Assert.Equal(e.VR, a.VR);
            if (e.Items is { } items)
            {
                Assert.NotNull(a.Items);
                Assert.Equal(items.Count, a.Items!.Count);
                for (var i = 0; i < items.Count; i++) AssertSame(items[i], a.Items[i], implicitVR);
            }
            else
            {
                Assert.True(e.Value.Span.SequenceEqual(a.Value.Span), $"value of {e.Tag} differs");
            }
        }
    }

    [Theory]
    [InlineData(8, false, TransferSyntax.ExplicitVRLittleEndian)]
    [InlineData(8, true, TransferSyntax.ImplicitVRLittleEndian)]
    [InlineData(16, false, TransferSyntax.ImplicitVRLittleEndian)]
    [InlineData(16, true, TransferSyntax.ExplicitVRLittleEndian)]
    [InlineData(32, true, TransferSyntax.ExplicitVRLittleEndian)]
    [InlineData(16, true, TransferSyntax.ExplicitVRBigEndian)]
    public void Pixels_survive_exactly(int bits, bool signed, string ts)
    {
        var rng = new Random(bits * 7 + (signed ? 1 : 0));
        var min = signed ? -(1 << (Math.Min(bits, 31) - 1)) : 0;
        var max = bits == 32 ? int.MaxValue : signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        var values = Enumerable.Range(0, 5 * 7).Select(_ => rng.Next(min, max)).ToArray();
        values[0] = min;
        values[1] = max;
        var ds = TestImages.Image(5, 7, bits, signed);
        ds.AddBytes(DicomTags.PixelData, bits == 8 ? DicomVR.OB : DicomVR.OW, TestImages.Pixels(bits, values));
        var file = TestImages.RoundTrip(ds, ts);
        Assert.Equal(values.Select(v => (double)v), PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values);
        if (ts != TransferSyntax.ImplicitVRLittleEndian)
            Assert.Equal(bits == 8 ? DicomVR.OB : DicomVR.OW, file.Dataset[DicomTags.PixelData]!.VR);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Rgb_planar_configurations_give_interleaved_samples(int planar)
    {
        // 2x2 RGB: pixel i has (10i+1, 10i+2, 10i+3)
        int[] interleaved = [1, 2, 3, 11, 12, 13, 21, 22, 23, 31, 32, 33];
        int[] planarData = [1, 11, 21, 31, 2, 12, 22, 32, 3, 13, 23, 33];
        var ds = TestImages.Image(2, 2, 8, false, samples: 3, photometric: "RGB", planar: planar);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, TestImages.Pixels(8, planar == 0 ? interleaved : planarData));
        var file = TestImages.RoundTrip(ds, TransferSyntax.ExplicitVRLittleEndian);
        Assert.Equal(interleaved.Select(v => (double)v), PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values);
        var image = PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid);
        Assert.Equal(3, image.Channels);
        Assert.Equal(interleaved.Select(v => (float)(v / 255.0)), image.Data);
    }

    [Fact]
    public void Multi_frame_selects_frames_and_defaults_to_middle()
    {
        var ds = TestImages.Image(2, 2, 16, false, frames: 5);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, Enumerable.Range(0, 20).ToArray()));
        var file = TestImages.RoundTrip(ds, TransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(new double[] { 4, 5, 6, 7 }, PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid, 1).Values);
        Assert.Equal(new double[] { 8, 9, 10, 11 }, PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid).Values);
        Assert.Throws<DicomFormatException>(() => PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid, 5));
    }

    [Theory]
    [InlineData(8, 1, 3)]
    [InlineData(16, 1, 3)]
    [InlineData(8, 3, 2)]
    [InlineData(16, 3, 1)]
    public void Rle_frames_decode_exactly(int bits, int samples, int frames)
    {
        const int rows = 9, cols = 11;
        var rng = new Random(bits + samples);
        var ds = TestImages.Image(rows, cols, bits, signed: bits == 16, samples: samples, frames: frames,
            photometric: samples == 3 ? "RGB" : "MONOCHROME2");
        var fragments = new List<ReadOnlyMemory<byte>> { Array.Empty<byte>() };
        var expected = new List<int[]>();
        for (var f = 0; f < frames; f++)
        {
            var values = Enumerable.Range(0, rows * cols * samples)
                .Select(i => i % 5 == 0 ? 7 : bits == 8 ? rng.Next(0, 256) : rng.Next(-32768, 32768)).ToArray();
            expected.Add(values);
            fragments.Add(TestImages.RleEncodeFrame(TestImages.Pixels(bits, values), rows * cols, samples, bits / 8));
        }
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, fragments));
        var file = TestImages.RoundTrip(ds, TransferSyntax.RLELossless);
        Assert.True(file.Dataset[DicomTags.PixelData]!.IsEncapsulated);
        for (var f = 0; f < frames; f++)
            Assert.Equal(expected[f].Select(v => (double)v), PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid, f).Values);
    }

    [Fact]
    public void Packbits_handles_literal_replicate_and_noop()
    {
        byte[] src = [2, 1, 2, 3, 0xFE, 9, 0x80, 0, 4];
        var dst = new byte[7];
        Assert.Equal(7, RleDecoder.DecodeSegment(src, dst));
        Assert.Equal(new byte[] { 1, 2, 3, 9, 9, 9, 4 }, dst);
    }

    [Fact]
    public void Dictionary_knows_keywords_and_vrs()
    {
        Assert.True(DicomDictionary.Count > 4000);
        Assert.Equal(DicomVR.PN, DicomDictionary.VROf(DicomTags.PatientName));
        Assert.Equal("PatientName", DicomDictionary.KeywordOf(DicomTags.PatientName));
        Assert.True(DicomDictionary.TryGetTag("WindowCenter", out var wc));
        Assert.Equal(DicomTags.WindowCenter, wc);
        Assert.Equal(DicomVR.SQ, DicomDictionary.VROf(new DicomTag(0x0008, 0x1115)));
        Assert.Equal(DicomVR.OW, DicomDictionary.VROf(DicomTags.PixelData));
        Assert.Equal(DicomVR.OW, DicomDictionary.VROf(new DicomTag(0x6002, 0x3000))); // overlay data, repeating group
        Assert.Equal(DicomVR.UL, DicomDictionary.VROf(new DicomTag(0x0009, 0x0000)));
        Assert.Equal(DicomVR.LO, DicomDictionary.VROf(new DicomTag(0x0009, 0x0010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.VROf(new DicomTag(0x0009, 0x1010)));
        var t = typeof(DicomTags);
        foreach (var field in t.GetFields())
        {
            var tag = (DicomTag)field.GetValue(null)!;
            if (tag.Group == 0xFFFE) continue;
            Assert.Equal(field.Name, DicomDictionary.KeywordOf(tag));
        }
    }

    [Fact]
    public void Character_sets_decode_latin1_and_utf8()
    {
        foreach (var (term, text) in new[] { ("ISO_IR 100", "Gérard^Ñuño"), ("ISO_IR 192", "Ångström^李"), ("ISO_IR 144", "Люкceмбypг") })
        {
            var enc = CharacterSets.FromSpecificCharacterSet([term]);
            var ds = new DicomDataset { TextEncoding = enc };
            ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, term);
            ds.AddString(DicomTags.PatientName, DicomVR.PN, text);
            var file = TestImages.RoundTrip(ds, TransferSyntax.ExplicitVRLittleEndian);
            Assert.Equal(text, file.Dataset.GetString(DicomTags.PatientName));
        }
    }
}

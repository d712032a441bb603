namespace RadiologyNet.Dicom.Tests;

/// <summary>Builders for synthetic datasets and a PackBits/RLE encoder for tests.</summary>
internal static class TestImages
{
    public static DicomDataset Image(int rows, int cols, int bits, bool signed, int samples = 1, int frames = 1,
        string photometric = "MONOCHROME2", int planar = 0, int? bitsStored = null)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.1234567890");
        ds.AddString(DicomTags.Modality, DicomVR.CS, "OT");
        ds.AddUInt16(DicomTags.Rows, (ushort)rows);
        ds.AddUInt16(DicomTags.Columns, (ushort)cols);
        ds.AddUInt16(DicomTags.SamplesPerPixel, (ushort)samples);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric);
        if (samples > 1) ds.AddUInt16(DicomTags.PlanarConfiguration, (ushort)planar);
        if (frames > 1) ds.AddString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.AddUInt16(DicomTags.BitsAllocated, (ushort)bits);
        ds.AddUInt16(DicomTags.BitsStored, (ushort)(bitsStored ?? bits));
        ds.AddUInt16(DicomTags.HighBit, (ushort)((bitsStored ?? bits) - 1));
        ds.AddUInt16(DicomTags.PixelRepresentation, (ushort)(signed ? 1 : 0));
        return ds;
    }

    /// <summary>Little-endian native pixel bytes from values.</summary>
    public static byte[] Pixels(int bits, IReadOnlyList<int> values)
    {
        var bytes = new byte[values.Count * bits / 8];
        for (var i = 0; i < values.Count; i++)
        {
            if (bits == 8) bytes[i] = (byte)values[i];
            else if (bits == 16) System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), unchecked((short)values[i]));
            else System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    public static DicomFile RoundTrip(DicomDataset ds, string ts, DicomWriteOptions? options = null) =>
        DicomReader.Read(DicomWriter.ToBytes(ds, ts, options));

    /// <summary>RLE-encodes one native interleaved frame (PS3.5 Annex G).</summary>
    public static byte[] RleEncodeFrame(byte[] native, int pixels, int samples, int bytesPerSample)
    {
        var segments = new List<byte[]>();
        for (var s = 0; s < samples; s++)
        {
            for (var b = bytesPerSample - 1; b >= 0; b--)
            {
                var plane = new byte[pixels];
                for (var i = 0; i < pixels; i++) plane[i] = native[(i * samples + s) * bytesPerSample + b];
                segments.Add(PackBits(plane));
            }
        }
        var header = new byte[64];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)segments.Count);
        var offset = 64;
        for (var i = 0; i < segments.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4 + 4 * i), (uint)offset);
            offset += segments[i].Length;
        }
        var result = new List<byte>(header);
        foreach (var seg in segments) result.AddRange(seg);
        if ((result.Count & 1) == 1) result.Add(0);
        return result.ToArray();
    }

    private static byte[] PackBits(byte[] data)
    {
        var output = new List<byte>();
        var i = 0;
        while (i < data.Length)
        {
            var run = 1;
            while (i + run < data.Length && run < 128 && data[i + run] == data[i]) run++;
            if (run >= 2)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(data[i]);
                i += run;
                continue;
            }
            var start = i;
            while (i < data.Length && i - start < 128 && !(i + 1 < data.Length && data[i + 1] == data[i])) i++;
            if (i == start) i++;
            output.Add((byte)(i - start - 1));
            for (var k = start; k < i; k++) output.Add(data[k]);
        }
        return output.ToArray();
    }
}

using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>
/// PALETTE COLOR lookup (PS3.3 C.7.6.3.1.5/6, C.7.9): maps each stored index through the red, green and blue LUTs,
/// given as plain LUT Data (0028,1201..1203) or as Segmented LUT Data (0028,1221..1223, see <see cref="SegmentedLut"/>).
/// </summary>
internal static class PaletteColor
{
    private static readonly DicomTag[] Descriptors = [new(0x0028, 0x1101), new(0x0028, 0x1102), new(0x0028, 0x1103)];
    private static readonly DicomTag[] Data = [new(0x0028, 0x1201), new(0x0028, 0x1202), new(0x0028, 0x1203)];
    private static readonly DicomTag[] Segmented = [new(0x0028, 0x1221), new(0x0028, 0x1222), new(0x0028, 0x1223)];

    /// <summary>RGB floats in [0, 1] for the stored indices.</summary>
    public static float[] Apply<T>(DicomDataset ds, T indices) where T : ISamples, allows ref struct
    {
        var output = new float[indices.Length * 3];
        for (var c = 0; c < 3; c++)
        {
            var descriptor = ds[Descriptors[c]] is { } d ? d.Value.Span : default;
            var data = ds[Data[c]] is { } e ? e.Value : default;
            var segmented = ds[Segmented[c]] is { } s ? s.Value : default;
            if (descriptor.Length < 6 || data.IsEmpty && segmented.IsEmpty)
                throw new DicomFormatException($"PALETTE COLOR without usable {Descriptors[c]} descriptor or {Data[c]}/{Segmented[c]} data");
            int entries = BinaryPrimitives.ReadUInt16LittleEndian(descriptor);
            if (entries == 0) entries = 65536;
            int first = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]);
            if (ds.GetInt(DicomTags.PixelRepresentation) == 1) first = (short)first;
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]);
            if (data.IsEmpty)
            {
                var table = SegmentedLut.Expand(segmented.Span, bits, entries);
                if (table.Length == 0) throw new DicomFormatException($"segmented palette {Segmented[c]} expands to no entries");
                var tableMax = (1 << Math.Clamp(bits, 1, 16)) - 1;
                for (var i = 0; i < indices.Length; i++)
                {
                    var k = Math.Clamp((int)indices[i] - first, 0, table.Length - 1);
                    output[i * 3 + c] = Math.Clamp(table[k] / (float)tableMax, 0f, 1f);
                }
                continue;
            }
            var span = data.Span;
            var wide = span.Length >= entries * 2;
            if (!wide && span.Length < entries)
                throw new DicomFormatException($"palette {Data[c]} has {span.Length} bytes for {entries} entries");
            var max = bits > 8 || !wide ? (1 << Math.Clamp(bits, 1, 16)) - 1 : 255;
            for (var i = 0; i < indices.Length; i++)
            {
                var k = Math.Clamp((int)indices[i] - first, 0, entries - 1);
                int v = wide ? BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * k)..]) : span[k];
                if (wide && bits <= 8 && v > 255) v >>= 8;
                output[i * 3 + c] = Math.Clamp(v / (float)max, 0f, 1f);
            }
        }
        return output;
    }
}

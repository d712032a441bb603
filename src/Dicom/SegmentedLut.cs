using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>
/// Expands Segmented Palette Color LUT Data (PS3.3 C.7.9.2) into a plain table. The data is a run of segments, each
/// [opcode, length, ...] in units of the entry size (16-bit words for 16-bit tables, bytes for 8-bit ones):
/// discrete (0: <c>length</c> literal values), linear (1: one end value; <c>length</c> values stepping from the
/// previous segment's last value to it, rounded half to even), indirect (2: a 32-bit offset, low word first, counted
/// in bytes from the start of the data, where <c>length</c> earlier segments are replayed).
/// </summary>
public static class SegmentedLut
{
    /// <summary>How deeply indirect segments may refer to further indirect segments.</summary>
    public const int MaxIndirection = 8;

    /// <summary>How many segments (replayed ones included) one expansion may visit: bounds hostile indirections.</summary>
    public const int MaxSegments = 1 << 20;

    /// <summary>
    /// The expanded table, at most <paramref name="maxEntries"/> long. Throws <see cref="DicomFormatException"/> for an
    /// unknown opcode, a linear or indirect first segment, an offset outside the data or a segment cut short.
    /// </summary>
    public static ushort[] Expand(ReadOnlySpan<byte> data, int bitsPerEntry, int maxEntries)
    {
        var words = bitsPerEntry <= 8 ? data.ToArray().Select(b => (ushort)b).ToArray() : ReadWords(data);
        var output = new List<ushort>(Math.Min(maxEntries, 65536));
        var budget = MaxSegments;
        Run(words, 0, int.MaxValue, bitsPerEntry <= 8 ? 1 : 2, output, maxEntries, 0, ref budget);
        return output.ToArray();
    }

    private static ushort[] ReadWords(ReadOnlySpan<byte> data)
    {
        var words = new ushort[data.Length / 2];
        for (var i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]);
        return words;
    }

    private static void Run(ushort[] w, int position, int segments, int unitBytes, List<ushort> output, int maxEntries, int indirection, ref int budget)
    {
        // A trailing padding unit cannot start a segment (opcode and length need two).
        for (var done = 0; done < segments && position + 1 < w.Length && output.Count < maxEntries; done++)
        {
            if (--budget < 0) throw new DicomFormatException($"segmented LUT: more than {MaxSegments} segments");
            int opcode = w[position], length = w[position + 1];
            position += 2;
            switch (opcode)
            {
                case 0:
                    if (position + length > w.Length) throw new DicomFormatException($"segmented LUT: discrete segment of {length} runs past the data");
                    for (var i = 0; i < length && output.Count < maxEntries; i++) output.Add(w[position + i]);
                    position += length;
                    break;
                case 1:
                    if (output.Count == 0) throw new DicomFormatException("segmented LUT: a linear segment cannot come first");
                    if (position >= w.Length) throw new DicomFormatException("segmented LUT: linear segment without its end value");
                    double y0 = output[^1], y1 = w[position++];
                    for (var i = 1; i <= length && output.Count < maxEntries; i++)
                        output.Add((ushort)Math.Round(y0 + (y1 - y0) * i / length, MidpointRounding.ToEven));
                    break;
                case 2:
                    if (output.Count == 0) throw new DicomFormatException("segmented LUT: an indirect segment cannot come first");
                    if (indirection >= MaxIndirection) throw new DicomFormatException("segmented LUT: indirect segments nested too deeply");
                    var offset = unitBytes == 2
                        ? (position + 1 < w.Length ? (long)w[position] | (long)w[position + 1] << 16 : -1)
                        : (position + 3 < w.Length ? (long)w[position] | (long)w[position + 1] << 8 | (long)w[position + 2] << 16 | (long)w[position + 3] << 24 : -1);
                    position += unitBytes == 2 ? 2 : 4;
                    if (offset < 0 || offset % unitBytes != 0 || offset / unitBytes >= w.Length)
                        throw new DicomFormatException($"segmented LUT: indirect segment offset {offset} outside the data");
                    Run(w, (int)(offset / unitBytes), length, unitBytes, output, maxEntries, indirection + 1, ref budget);
                    break;
                default:
                    throw new DicomFormatException($"segmented LUT: unknown segment opcode {opcode}");
            }
        }
    }
}

using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>
/// A lookup table as the Modality LUT and VOI LUT Sequences carry it (PS3.3 C.11.1.1, C.11.2.1.1): LUT Descriptor
/// [number of entries (0 = 65536), first input value mapped, bits per entry] and LUT Data. Inputs below the first
/// mapped value map to the first entry, inputs past the end to the last entry.
/// </summary>
public sealed class LookupTable
{
    /// <summary>LUT Descriptor (0028,3002).</summary>
    public static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);

    /// <summary>LUT Data (0028,3006).</summary>
    public static readonly DicomTag LutData = new(0x0028, 0x3006);

    /// <summary>Creates a table from its entries.</summary>
    public LookupTable(int firstMapped, int bitsPerEntry, ushort[] entries)
    {
        if (entries.Length == 0) throw new ArgumentException("a lookup table needs at least one entry", nameof(entries));
        FirstMapped = firstMapped;
        BitsPerEntry = bitsPerEntry;
        Entries = entries;
    }

    /// <summary>The input value that maps to the first entry.</summary>
    public int FirstMapped { get; }

    /// <summary>Bits per entry from the descriptor (8 or 16; VOI LUTs may say 10..16).</summary>
    public int BitsPerEntry { get; }

    /// <summary>The entries.</summary>
    public ushort[] Entries { get; }

    /// <summary>Largest value an entry may hold: 2^<see cref="BitsPerEntry"/> − 1.</summary>
    public int MaxOutput => (1 << Math.Clamp(BitsPerEntry, 1, 16)) - 1;

    /// <summary>The entry for input <paramref name="x"/> (rounded down to an integer), clamped at both ends.</summary>
    public ushort Map(double x)
    {
        var k = Math.Floor(x) - FirstMapped;
        var i = k <= 0 ? 0 : k >= Entries.Length - 1 ? Entries.Length - 1 : (int)k;
        return Entries[i];
    }

    /// <summary>
    /// Reads the table of a Modality/VOI LUT Sequence item; null when the descriptor or data is missing or unusable.
    /// The first-mapped value is read as signed when <paramref name="signedInput"/> is true or the descriptor's VR is SS
    /// (C.11.1.1: it has the representation of the input values). LUT Data is one entry per 16-bit word; 8-bit tables
    /// whose data holds only half as many words are read as packed bytes (low byte first).
    /// </summary>
    public static LookupTable? FromItem(DicomDataset item, bool signedInput)
    {
        if (item[LutDescriptor] is not { Items: null, Fragments: null } d || d.Value.Length < 6) return null;
        if (item[LutData] is not { Items: null, Fragments: null } e || e.Value.Length < 1) return null;
        var descriptor = d.Value.Span;
        int entries = BinaryPrimitives.ReadUInt16LittleEndian(descriptor);
        if (entries == 0) entries = 65536;
        int first = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]);
        if (signedInput || d.VR == DicomVR.SS) first = (short)first;
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]);
        if (bits is < 1 or > 16) return null;
        var data = e.Value.Span;
        var table = new ushort[entries];
        if (data.Length >= 2 * entries)
            for (var i = 0; i < entries; i++) table[i] = BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]);
        else if (bits <= 8 && data.Length >= entries)
            for (var i = 0; i < entries; i++) table[i] = data[i];
        else
            return null;
        return new LookupTable(first, bits, table);
    }
}

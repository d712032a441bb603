using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>A DICOM attribute tag (group, element), ordered as the standard orders data elements.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for odd groups, which hold private (vendor) data elements.</summary>
    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>Builds a tag from its 32-bit value.</summary>
    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Formats as <c>(GGGG,EEEE)</c> in upper-case hex, as dcmdump does.</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";

    /// <summary>Parses <c>(GGGG,EEEE)</c>, <c>GGGG,EEEE</c> or <c>GGGGEEEE</c>.</summary>
    public static DicomTag Parse(string text)
    {
        var s = text.Trim().Trim('(', ')').Replace(",", "", StringComparison.Ordinal);
        if (s.Length != 8 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"'{text}' is not a DICOM tag");
        return FromValue(v);
    }

    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;
    public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;
    public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;
}

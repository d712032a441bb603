using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// An ordered set of data elements (a dataset or a sequence item). Values are stored little endian.
/// Typed accessors decode on demand and return null/false instead of throwing on absent or malformed values.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly SortedDictionary<DicomTag, DicomElement> _elements = new();

    /// <summary>The text encoding from Specific Character Set; set by the reader, default ASCII-compatible Latin-1.</summary>
    public Encoding TextEncoding { get; set; } = Encoding.Latin1;

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => _elements.ContainsKey(tag);

    public DicomElement? this[DicomTag tag] => _elements.GetValueOrDefault(tag);

    /// <summary>Adds or replaces an element.</summary>
    public DicomDataset Add(DicomElement element)
    {
        _elements[element.Tag] = element;
        return this;
    }

    public bool Remove(DicomTag tag) => _elements.Remove(tag);

    /// <summary>Adds a text or numeric-string value (AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT), padded to even length.</summary>
    public DicomDataset AddString(DicomTag tag, DicomVR vr, string value)
    {
        var bytes = (vr == DicomVR.UI ? Encoding.ASCII : TextEncoding).GetBytes(value);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr == DicomVR.UI ? (byte)0 : (byte)' ';
        }
        return Add(new DicomElement(tag, vr, bytes));
    }

    /// <summary>Adds a multi-valued text value joined with backslashes.</summary>
    public DicomDataset AddStrings(DicomTag tag, DicomVR vr, params string[] values) => AddString(tag, vr, string.Join('\\', values));

    /// <summary>Adds a decimal string (DS) from numbers, formatted invariantly within 16 characters.</summary>
    public DicomDataset AddDecimals(DicomTag tag, params double[] values) =>
        AddStrings(tag, DicomVR.DS, values.Select(FormatDecimalString).ToArray());

    public DicomDataset AddUInt16(DicomTag tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return Add(new DicomElement(tag, DicomVR.US, bytes));
    }

    public DicomDataset AddUInt32(DicomTag tag, params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return Add(new DicomElement(tag, DicomVR.UL, bytes));
    }

    public DicomDataset AddBytes(DicomTag tag, DicomVR vr, byte[] value) => Add(new DicomElement(tag, vr, value));

    public DicomDataset AddSequence(DicomTag tag, params DicomDataset[] items) => Add(new DicomElement(tag, items));

    /// <summary>The whole value as text with trailing padding (space, NUL) removed; null when absent or not a text VR.</summary>
    public string? GetString(DicomTag tag)
    {
        if (!_elements.TryGetValue(tag, out var e) || e.Items is not null || e.Fragments is not null) return null;
        if (!IsText(e.VR)) return null;
        var enc = e.VR is DicomVR.UI or DicomVR.DS or DicomVR.IS or DicomVR.AS or DicomVR.DA or DicomVR.TM or DicomVR.DT or DicomVR.CS or DicomVR.AE
            ? Encoding.Latin1 : TextEncoding;
        var text = enc.GetString(e.Value.Span).TrimEnd(' ', '\0');
        return e.VR is DicomVR.LT or DicomVR.ST or DicomVR.UT ? text : text.TrimStart(' ');
    }

    /// <summary>The values of a multi-valued text element, each trimmed; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var s = GetString(tag);
        return string.IsNullOrEmpty(s) ? [] : s.Split('\\').Select(v => v.Trim(' ', '\0')).ToArray();
    }

    /// <summary>Numeric values of DS, IS, US, SS, UL, SL, FL, FD, UV, SV elements; empty when absent or unparsable.</summary>
    public double[] GetNumbers(DicomTag tag)
    {
        if (!_elements.TryGetValue(tag, out var e) || e.Items is not null || e.Fragments is not null) return [];
        var v = e.Value.Span;
        switch (e.VR)
        {
            case DicomVR.DS or DicomVR.IS:
                var parts = GetStrings(tag);
                var result = new List<double>(parts.Length);
                foreach (var p in parts)
                {
                    if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return [];
                    result.Add(d);
                }
                return result.ToArray();
            case DicomVR.US: return Read(v, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s));
            case DicomVR.SS: return Read(v, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s));
            case DicomVR.UL: return Read(v, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s));
            case DicomVR.SL: return Read(v, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s));
            case DicomVR.FL: return Read(v, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s));
            case DicomVR.FD: return Read(v, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s));
            case DicomVR.UV: return Read(v, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s));
            case DicomVR.SV: return Read(v, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s));
            default: return [];
        }
    }

    /// <summary>The first numeric value, or null.</summary>
    public double? GetNumber(DicomTag tag)
    {
        var values = GetNumbers(tag);
        return values.Length > 0 ? values[0] : null;
    }

    /// <summary>The first numeric value as an int, or null when absent or out of range.</summary>
    public int? GetInt(DicomTag tag)
    {
        var d = GetNumber(tag);
        return d is { } x && x >= int.MinValue && x <= int.MaxValue ? (int)x : null;
    }

    /// <summary>Sequence items, or empty.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        _elements.TryGetValue(tag, out var e) && e.Items is not null ? e.Items : [];

    public IEnumerator<DicomElement> GetEnumerator() => _elements.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool IsText(DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT
        or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM or DicomVR.UC
        or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    private static double[] Read(ReadOnlySpan<byte> v, int size, ReadValue read)
    {
        var result = new double[v.Length / size];
        for (var i = 0; i < result.Length; i++) result[i] = read(v.Slice(i * size, size));
        return result;
    }

    private delegate double ReadValue(ReadOnlySpan<byte> bytes);

    private static string FormatDecimalString(double value)
    {
        for (var digits = 15; digits > 0; digits--)
        {
            var s = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (s.Length <= 16) return s;
        }
        return "0";
    }
}

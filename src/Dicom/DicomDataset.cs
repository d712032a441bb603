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
    // Sorted by tag. Readers add in file order, which is ascending, so Add is an append; lookups are binary searches.
    // A list of element references costs a fraction of a tree node per element (allocation matters for header reads).
    private readonly List<DicomElement> _elements = [];

    /// <summary>The text encoding from Specific Character Set; set by the reader, default ASCII-compatible Latin-1.</summary>
    public Encoding TextEncoding { get; set; } = Encoding.Latin1;

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public DicomElement? this[DicomTag tag] => IndexOf(tag) is var i and >= 0 ? _elements[i] : null;

    /// <summary>Adds or replaces an element.</summary>
    public DicomDataset Add(DicomElement element)
    {
        var n = _elements.Count;
        if (n == 0 || _elements[n - 1].Tag.Value < element.Tag.Value)
        {
            _elements.Add(element);
            return this;
        }
        var i = IndexOf(element.Tag);
        if (i >= 0) _elements[i] = element;
        else _elements.Insert(~i, element);
        return this;
    }

    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0) return false;
        _elements.RemoveAt(i);
        return true;
    }

    /// <summary>The index of <paramref name="tag"/>, or the complement of where it would be inserted.</summary>
    private int IndexOf(DicomTag tag)
    {
        var key = tag.Value;
        int lo = 0, hi = _elements.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var v = _elements[mid].Tag.Value;
            if (v == key) return mid;
            if (v < key) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    private bool TryGet(DicomTag tag, out DicomElement element)
    {
        var i = IndexOf(tag);
        element = i >= 0 ? _elements[i] : null!;
        return i >= 0;
    }

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
        if (!TryGet(tag, out var e) || e.Items is not null || e.Fragments is not null) return null;
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
        if (!TryGet(tag, out var e) || e.Items is not null || e.Fragments is not null) return [];
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
        // Fast path without allocation for the common single-valued cases; everything else as GetNumbers decides.
        if (TryGet(tag, out var e) && e.Items is null && e.Fragments is null)
        {
            var v = e.Value.Span;
            switch (e.VR)
            {
                case DicomVR.US when v.Length >= 2: return BinaryPrimitives.ReadUInt16LittleEndian(v);
                case DicomVR.SS when v.Length >= 2: return BinaryPrimitives.ReadInt16LittleEndian(v);
                case DicomVR.UL when v.Length >= 4: return BinaryPrimitives.ReadUInt32LittleEndian(v);
                case DicomVR.SL when v.Length >= 4: return BinaryPrimitives.ReadInt32LittleEndian(v);
                case DicomVR.DS or DicomVR.IS when v.IndexOf((byte)'\\') < 0:
                    var t = v.Trim(" \0"u8);
                    return t.Length > 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
            }
        }
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
        TryGet(tag, out var e) && e.Items is not null ? e.Items : [];

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

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

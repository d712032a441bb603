using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// A readable, dcmdump-like listing of a dataset: one line per element,
/// <c>(0008,0060) CS [CT]  # 2, 1 Modality</c>, sequence items indented, long values truncated and binary or bulk
/// values summarised by size.
/// </summary>
public static class DicomDumper
{
    /// <summary>Values longer than this many characters are cut and end in "...".</summary>
    public const int MaxValueLength = 64;

    /// <summary>Binary values with at most this many bytes are shown as hex; longer ones are summarised.</summary>
    public const int MaxInlineBytes = 16;

    /// <summary>Lists the meta group, then the dataset.</summary>
    public static string Dump(DicomFile file)
    {
        var sb = new StringBuilder();
        if (file.Meta.Count > 0)
        {
            sb.Append("# File Meta Information\n");
            Append(sb, file.Meta, 0);
            sb.Append('\n');
        }
        sb.Append("# Dataset (").Append(TransferSyntax.NameOf(file.TransferSyntaxUid)).Append(")\n");
        Append(sb, file.Dataset, 0);
        foreach (var w in file.Warnings) sb.Append("# warning: ").Append(w).Append('\n');
        return sb.ToString();
    }

    /// <summary>Lists one dataset (or item) at the given nesting level.</summary>
    public static string Dump(DicomDataset dataset)
    {
        var sb = new StringBuilder();
        Append(sb, dataset, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, DicomDataset ds, int level)
    {
        var indent = new string(' ', level * 2);
        foreach (var e in ds)
        {
            var name = DicomDictionary.KeywordOf(e.Tag) ?? (e.Tag.IsPrivate ? "PrivateTag" : "Unknown");
            var vr = DicomJsonWriter.VRName(e.VR);
            if (e.Items is { } items)
            {
                sb.Append(indent).Append(e.Tag).Append(" SQ (Sequence with ").Append(items.Count).Append(items.Count == 1 ? " item)" : " items)")
                  .Append("  # ").Append(name).Append('\n');
                for (var i = 0; i < items.Count; i++)
                {
                    sb.Append(indent).Append("  (FFFE,E000) na (Item #").Append(i + 1).Append(")\n");
                    Append(sb, items[i], level + 2);
                }
                continue;
            }
            if (e.Fragments is { } fragments)
            {
                var total = fragments.Sum(f => (long)f.Length);
                sb.Append(indent).Append(e.Tag).Append(' ').Append(vr).Append(" (PixelSequence: offset table and ")
                  .Append(fragments.Count - 1).Append(" fragment(s), ").Append(total).Append(" bytes)  # ").Append(name).Append('\n');
                continue;
            }
            var (text, vm) = Value(e, ds.TextEncoding);
            sb.Append(indent).Append(e.Tag).Append(' ').Append(vr).Append(' ').Append(text)
              .Append("  # ").Append(e.Value.Length).Append(", ").Append(vm).Append(' ').Append(name).Append('\n');
        }
    }

    /// <summary>The bracketed value (or a summary in parentheses) and the value multiplicity.</summary>
    private static (string Text, int VM) Value(DicomElement e, Encoding encoding)
    {
        var v = e.Value.Span;
        if (v.IsEmpty) return ("(no value available)", 0);
        string[] values;
        switch (e.VR)
        {
            case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN or DicomVR.None:
                if (v.Length > MaxInlineBytes) return ($"(binary, {v.Length} bytes)", 1);
                return (Bracket(string.Join('\\', v.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))), 1);
            case DicomVR.US: values = Numbers(v, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.SS: values = Numbers(v, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.UL: values = Numbers(v, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.SL: values = Numbers(v, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.UV: values = Numbers(v, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.SV: values = Numbers(v, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture)); break;
            case DicomVR.FL: values = Numbers(v, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture)); break;
            case DicomVR.FD: values = Numbers(v, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture)); break;
            case DicomVR.AT:
                values = Numbers(v, 4, s => $"({BinaryPrimitives.ReadUInt16LittleEndian(s):X4},{BinaryPrimitives.ReadUInt16LittleEndian(s[2..]):X4})");
                break;
            case DicomVR.PN:
                values = DicomValueText.PersonNames(v, encoding).Select(c => string.Join('=', c)).ToArray();
                break;
            case DicomVR.DS or DicomVR.IS:
                values = DicomValueText.Split(DicomValueText.Latin1(v).Trim(), trimTrailing: true).Select(s => s.Trim()).ToArray();
                break;
            default:
                values = DicomValueText.Strings(e.VR, v, encoding);
                break;
        }
        if (values.Length > 1 && e.VR is not (DicomVR.LT or DicomVR.ST or DicomVR.UT) && v.Length > 1024)
            return ($"({values.Length} values, {v.Length} bytes)", values.Length);
        return (Bracket(string.Join('\\', values)), values.Length);
    }

    private static string Bracket(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text) clean.Append(char.IsControl(c) ? '.' : c);
        var s = clean.ToString();
        return "[" + (s.Length > MaxValueLength ? s[..(MaxValueLength - 3)] + "..." : s) + "]";
    }

    private delegate string Format(ReadOnlySpan<byte> bytes);

    private static string[] Numbers(ReadOnlySpan<byte> v, int size, Format format)
    {
        var result = new string[v.Length / size];
        for (var i = 0; i < result.Length; i++) result[i] = format(v.Slice(i * size, size));
        return result;
    }
}

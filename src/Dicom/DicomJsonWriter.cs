using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RadiologyNet.Dicom;

/// <summary>
/// Writes a dataset as the DICOM JSON model (PS3.18 Annex F): an object keyed by <c>GGGGEEEE</c> upper-case hex
/// tags, each with <c>vr</c> and a <c>Value</c> array, <c>InlineBinary</c> (base64) or <c>BulkDataURI</c>.
/// Values are converted the way pydicom 2.3.1 converts them (the project's oracle): text loses trailing padding,
/// LO/SH/UC split at backslashes before decoding, DS and FL/FD become JSON numbers, IS and the integer VRs become
/// exact integers, AT becomes <c>"GGGGEEEE"</c>, PN becomes <c>{"Alphabetic","Ideographic","Phonetic"}</c> split at
/// '=', SQ becomes an array of objects. An empty value has <c>vr</c> only. Binary values (OB, OD, OF, OL, OV, OW,
/// UN, encapsulated Pixel Data) whose base64 text is longer than <see cref="BulkDataThreshold"/> characters are
/// left out as bulk data; shorter ones are written inline.
/// </summary>
public sealed record DicomJsonWriter
{
    /// <summary>Binary values whose base64 text is longer than this many characters are bulk data (pydicom's rule; 1024 ≈ 768 bytes).</summary>
    public int BulkDataThreshold { get; init; } = 1024;

    /// <summary>
    /// The BulkDataURI written for a left-out value; returning null writes <c>vr</c> only. The default writes
    /// <c>"omitted"</c>, as the oracle in ../shared/data/dicom/json does.
    /// </summary>
    public Func<DicomElement, string?> BulkDataUri { get; init; } = static _ => "omitted";

    /// <summary>Indent the output.</summary>
    public bool Indented { get; init; }

    /// <summary>The dataset as a JSON string.</summary>
    public string Serialize(DicomDataset dataset) => Serialize(w => Write(w, dataset));

    /// <summary>The File Meta group and the dataset as one JSON object (group 0002 first), as a JSON string.</summary>
    public string Serialize(DicomFile file) => Serialize(w => Write(w, file));

    /// <summary>Writes the dataset as one JSON object.</summary>
    public void Write(Utf8JsonWriter writer, DicomDataset dataset)
    {
        writer.WriteStartObject();
        WriteElements(writer, dataset, dataset);
        writer.WriteEndObject();
    }

    /// <summary>Writes the File Meta group and the dataset as one JSON object.</summary>
    public void Write(Utf8JsonWriter writer, DicomFile file)
    {
        writer.WriteStartObject();
        WriteElements(writer, file.Meta, file.Dataset);
        WriteElements(writer, file.Dataset, file.Dataset);
        writer.WriteEndObject();
    }

    private string Serialize(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = Indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteElements(Utf8JsonWriter w, DicomDataset ds, DicomDataset textSource)
    {
        foreach (var e in ds)
        {
            w.WritePropertyName(e.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            w.WriteStartObject();
            w.WriteString("vr", VRName(e.VR));
            WriteValue(w, e, textSource.TextEncoding);
            w.WriteEndObject();
        }
    }

    internal static string VRName(DicomVR vr) => vr == DicomVR.None ? "UN" : new string([(char)((ushort)vr >> 8), (char)((ushort)vr & 0xFF)]);

    private void WriteValue(Utf8JsonWriter w, DicomElement e, Encoding encoding)
    {
        if (e.Items is { } items)
        {
            w.WriteStartArray("Value");
            foreach (var item in items) Write(w, item);
            w.WriteEndArray();
            return;
        }
        if (e.Fragments is { } fragments)
        {
            WriteBinary(w, e, EncapsulatedBytes(fragments));
            return;
        }
        var v = e.Value.Span;
        if (v.IsEmpty) return;
        switch (e.VR)
        {
            case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN or DicomVR.None:
                WriteBinary(w, e, v);
                return;
            case DicomVR.US: WriteIntegers(w, v, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s)); return;
            case DicomVR.SS: WriteIntegers(w, v, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s)); return;
            case DicomVR.UL: WriteIntegers(w, v, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s)); return;
            case DicomVR.SL: WriteIntegers(w, v, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)); return;
            case DicomVR.SV: WriteIntegers(w, v, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s)); return;
            case DicomVR.UV:
                w.WriteStartArray("Value");
                for (var i = 0; i + 8 <= v.Length; i += 8) w.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(v[i..]));
                w.WriteEndArray();
                return;
            case DicomVR.FL:
                w.WriteStartArray("Value");
                for (var i = 0; i + 4 <= v.Length; i += 4) WriteDouble(w, BinaryPrimitives.ReadSingleLittleEndian(v[i..]));
                w.WriteEndArray();
                return;
            case DicomVR.FD:
                w.WriteStartArray("Value");
                for (var i = 0; i + 8 <= v.Length; i += 8) WriteDouble(w, BinaryPrimitives.ReadDoubleLittleEndian(v[i..]));
                w.WriteEndArray();
                return;
            case DicomVR.AT:
                w.WriteStartArray("Value");
                for (var i = 0; i + 4 <= v.Length; i += 4)
                    w.WriteStringValue($"{BinaryPrimitives.ReadUInt16LittleEndian(v[i..]):X4}{BinaryPrimitives.ReadUInt16LittleEndian(v[(i + 2)..]):X4}");
                w.WriteEndArray();
                return;
            case DicomVR.PN:
                WritePersonNames(w, v, encoding);
                return;
            case DicomVR.DS:
                WriteNumberStrings(w, DicomValueText.Split(DicomValueText.Latin1(v).Trim(), trimTrailing: true), isInteger: false);
                return;
            case DicomVR.IS:
                WriteNumberStrings(w, DicomValueText.Split(DicomValueText.Latin1(v), trimTrailing: true), isInteger: true);
                return;
            default:
                WriteStrings(w, DicomValueText.Strings(e.VR, v, encoding));
                return;
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string[] values)
    {
        if (values.Length == 0 || (values.Length == 1 && values[0].Length == 0)) return;
        w.WriteStartArray("Value");
        foreach (var s in values) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void WritePersonNames(Utf8JsonWriter w, ReadOnlySpan<byte> v, Encoding encoding)
    {
        var names = DicomValueText.PersonNames(v, encoding);
        if (names.Length == 0) return;
        w.WriteStartArray("Value");
        foreach (var components in names)
        {
            w.WriteStartObject();
            w.WriteString("Alphabetic", components.Length > 0 ? components[0] : "");
            if (components.Length > 1) w.WriteString("Ideographic", components[1]);
            if (components.Length > 2) w.WriteString("Phonetic", components[2]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteNumberStrings(Utf8JsonWriter w, string[] values, bool isInteger)
    {
        if (values.Length == 0 || (values.Length == 1 && values[0].Length == 0)) return;
        w.WriteStartArray("Value");
        foreach (var s in values)
        {
            var t = s.Trim();
            if (isInteger && BigInteger.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
                w.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
            else if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (isInteger && double.IsFinite(d) && Math.Floor(d) == d) w.WriteRawValue(new BigInteger(d).ToString(CultureInfo.InvariantCulture));
                else WriteDouble(w, d);
            }
            else if (t.Length == 0) w.WriteNullValue();
            else w.WriteStringValue(s); // not a number: kept as text rather than lost
        }
        w.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsFinite(d)) w.WriteNumberValue(d);
        else w.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    }

    private delegate long ReadInteger(ReadOnlySpan<byte> bytes);

    private static void WriteIntegers(Utf8JsonWriter w, ReadOnlySpan<byte> v, int size, ReadInteger read)
    {
        w.WriteStartArray("Value");
        for (var i = 0; i + size <= v.Length; i += size) w.WriteNumberValue(read(v[i..]));
        w.WriteEndArray();
    }

    private void WriteBinary(Utf8JsonWriter w, DicomElement e, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        var base64Length = (bytes.Length + 2) / 3 * 4;
        if (base64Length > BulkDataThreshold)
        {
            if (BulkDataUri(e) is { } uri) w.WriteString("BulkDataURI", uri);
            return;
        }
        w.WriteBase64String("InlineBinary", bytes);
    }

    /// <summary>The encapsulated value as stored: each fragment (the Basic Offset Table first) as an item; the closing delimiter is not part of the value.</summary>
    private static byte[] EncapsulatedBytes(IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    {
        var size = fragments.Sum(f => 8 + f.Length);
        var bytes = new byte[size];
        var pos = 0;
        foreach (var f in fragments)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(pos), 0xE000FFFE);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(pos + 4), (uint)f.Length);
            f.Span.CopyTo(bytes.AsSpan(pos + 8));
            pos += 8 + f.Length;
        }
        return bytes;
    }
}

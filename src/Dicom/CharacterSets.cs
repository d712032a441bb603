using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// Maps Specific Character Set (0008,0005) defined terms to .NET encodings (PS3.3 C.12.1.1.2), following the
/// decoding rules of pydicom (the project's reference toolkit): the default repertoire decodes as Latin-1,
/// misspelled terms (<c>ISO-IR 100</c>, <c>ISO 2022-IR 87</c>) are corrected, unknown terms fall back to the
/// default, and any value with code extensions (more than one term, or an ISO 2022 term) is decoded by
/// <see cref="Iso2022Decoder"/>, which follows the escape sequences.
/// </summary>
public static class CharacterSets
{
    static CharacterSets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Delimiters that reset a single-byte code extension in text values (CR, LF, TAB, FF).</summary>
    internal static readonly byte[] TextDelimiters = [0x0D, 0x0A, 0x09, 0x0C];

    /// <summary>Delimiters that reset a single-byte code extension in person names ('^').</summary>
    internal static readonly byte[] PersonNameDelimiters = [0x5E];

    private static readonly Dictionary<string, string> TermToCodec = new(StringComparer.Ordinal)
    {
        [""] = "iso8859", ["ISO_IR 6"] = "iso8859", ["ISO 2022 IR 6"] = "iso8859",
        ["ISO_IR 13"] = "shift_jis", ["ISO 2022 IR 13"] = "shift_jis",
        ["ISO_IR 100"] = "latin_1", ["ISO 2022 IR 100"] = "latin_1",
        ["ISO_IR 101"] = "iso8859_2", ["ISO 2022 IR 101"] = "iso8859_2",
        ["ISO_IR 109"] = "iso8859_3", ["ISO 2022 IR 109"] = "iso8859_3",
        ["ISO_IR 110"] = "iso8859_4", ["ISO 2022 IR 110"] = "iso8859_4",
        ["ISO_IR 126"] = "iso_ir_126", ["ISO 2022 IR 126"] = "iso_ir_126",
        ["ISO_IR 127"] = "iso_ir_127", ["ISO 2022 IR 127"] = "iso_ir_127",
        ["ISO_IR 138"] = "iso_ir_138", ["ISO 2022 IR 138"] = "iso_ir_138",
        ["ISO_IR 144"] = "iso_ir_144", ["ISO 2022 IR 144"] = "iso_ir_144",
        ["ISO_IR 148"] = "iso_ir_148", ["ISO 2022 IR 148"] = "iso_ir_148",
        ["ISO_IR 166"] = "iso_ir_166", ["ISO 2022 IR 166"] = "iso_ir_166",
        ["ISO_IR 203"] = "iso8859_15", ["ISO 2022 IR 203"] = "iso8859_15",
        ["ISO 2022 IR 87"] = "iso2022_jp", ["ISO 2022 IR 159"] = "iso2022_jp_2",
        ["ISO 2022 IR 149"] = "euc_kr", ["ISO 2022 IR 58"] = "iso_ir_58",
        ["ISO_IR 192"] = "UTF8", ["GB18030"] = "GB18030", ["GBK"] = "GBK",
        ["ISO 2022 GBK"] = "GBK", ["ISO 2022 58"] = "GB2312",
    };

    private static readonly Dictionary<string, Encoding> Codecs = new(StringComparer.Ordinal);

    /// <summary>
    /// The encoding for the given Specific Character Set values: a plain encoding for one non-ISO 2022 term,
    /// otherwise an <see cref="Iso2022Decoder"/> over all terms.
    /// </summary>
    public static Encoding FromSpecificCharacterSet(ReadOnlySpan<string> terms)
    {
        var codecs = new List<string>();
        var any2022 = false;
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i].Trim();
            if (i == 0 && term.Length == 0) term = "ISO_IR 6";
            any2022 |= term.StartsWith("ISO 2022", StringComparison.Ordinal);
            codecs.Add(CodecOf(term));
        }
        if (codecs.Count == 0) return Encoding.Latin1;
        if (codecs.Count > 1)
        {
            // Stand-alone sets (PS3.5 6.1.2.5.4 d) cannot take code extensions: keep the first if it is one, else drop them.
            if (IsStandAlone(codecs[0])) codecs = [codecs[0]];
            else codecs.RemoveAll(IsStandAlone);
        }
        if (codecs.Count == 1 && !any2022) return Codec(codecs[0]);
        return new Iso2022Decoder(codecs);
    }

    /// <summary>Decodes a text value with delimiter-aware code-extension handling when the encoding has code extensions.</summary>
    internal static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, bool personName = false) =>
        encoding is Iso2022Decoder iso
            ? iso.Decode(bytes, personName ? PersonNameDelimiters : TextDelimiters)
            : encoding.GetString(bytes);

    private static bool IsStandAlone(string codec) => codec is "UTF8" or "GB18030" or "GBK";

    private static string CodecOf(string term)
    {
        if (TermToCodec.TryGetValue(term, out var codec)) return codec;
        // pydicom's corrections of common misspellings.
        if (term.Length > 6 && term.StartsWith("ISO", StringComparison.Ordinal) && term[3] != '_' && term.AsSpan(4).StartsWith("IR"))
            return TermToCodec.GetValueOrDefault("ISO_IR" + term[6..], "iso8859");
        if (term.Length > 12 && term.StartsWith("ISO", StringComparison.Ordinal) && term.AsSpan(4, 4).SequenceEqual("2022")
            && term.AsSpan(9, 2).SequenceEqual("IR") && !term.StartsWith("ISO 2022 IR ", StringComparison.Ordinal))
            return TermToCodec.GetValueOrDefault("ISO 2022 IR " + term[12..], "iso8859");
        return "iso8859";
    }

    /// <summary>The .NET encoding behind a codec name (Python's codec names, as pydicom uses them). Undecodable bytes become U+FFFD.</summary>
    internal static Encoding Codec(string name)
    {
        lock (Codecs)
        {
            if (Codecs.TryGetValue(name, out var cached)) return cached;
            var encoding = name switch
            {
                "iso8859" or "latin_1" => Encoding.Latin1,
                "UTF8" => new UTF8Encoding(false, false),
                _ => Encoding.GetEncoding(CodePageOf(name), EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD")),
            };
            Codecs[name] = encoding;
            return encoding;
        }
    }

    private static int CodePageOf(string name) => name switch
    {
        "shift_jis" => 932,
        "iso8859_2" => 28592,
        "iso8859_3" => 28593,
        "iso8859_4" => 28594,
        "iso_ir_144" => 28595,
        "iso_ir_127" => 28596,
        "iso_ir_126" => 28597,
        "iso_ir_138" => 28598,
        "iso_ir_148" => 28599,
        "iso8859_15" => 28605,
        "iso_ir_166" => 874,
        "iso2022_jp" or "iso2022_jp_2" => 50220,
        "euc_kr" => 51949,
        "iso_ir_58" or "GB2312" or "GBK" => 936,
        "GB18030" => 54936,
        _ => 28591,
    };
}

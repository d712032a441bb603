using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>Maps Specific Character Set (0008,0005) defined terms to .NET encodings (PS3.3 C.12.1.1.2).</summary>
public static class CharacterSets
{
    static CharacterSets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The encoding for the given Specific Character Set values. Default repertoire (empty, ISO_IR 6) decodes as
    /// Latin-1 (a superset of ASCII that never fails); unknown terms fall back to Latin-1 as well. For code
    /// extensions (ISO 2022 ...) the first G1 set is used; escape sequences are not interpreted yet.
    /// </summary>
    public static Encoding FromSpecificCharacterSet(ReadOnlySpan<string> terms)
    {
        foreach (var raw in terms)
        {
            var term = raw.Trim();
            if (term.Length == 0 || term is "ISO_IR 6" or "ISO 2022 IR 6") continue;
            return FromTerm(term) ?? Encoding.Latin1;
        }
        return Encoding.Latin1;
    }

    private static Encoding? FromTerm(string term)
    {
        var codePage = term switch
        {
            "ISO_IR 100" or "ISO 2022 IR 100" => 28591,
            "ISO_IR 101" or "ISO 2022 IR 101" => 28592,
            "ISO_IR 109" or "ISO 2022 IR 109" => 28593,
            "ISO_IR 110" or "ISO 2022 IR 110" => 28594,
            "ISO_IR 144" or "ISO 2022 IR 144" => 28595,
            "ISO_IR 127" or "ISO 2022 IR 127" => 28596,
            "ISO_IR 126" or "ISO 2022 IR 126" => 28597,
            "ISO_IR 138" or "ISO 2022 IR 138" => 28598,
            "ISO_IR 148" or "ISO 2022 IR 148" => 28599,
            "ISO_IR 203" or "ISO 2022 IR 203" => 28605,
            "ISO_IR 166" or "ISO 2022 IR 166" => 874,
            "ISO_IR 13" or "ISO 2022 IR 13" => 932,
            "ISO 2022 IR 87" or "ISO 2022 IR 159" => 50222,
            "ISO 2022 IR 149" => 51949,
            "ISO 2022 IR 58" => 936,
            "ISO_IR 192" => 65001,
            "GB18030" => 54936,
            "GBK" => 936,
            _ => 0,
        };
        if (codePage == 0) return null;
        if (codePage == 65001) return new UTF8Encoding(false, false);
        if (codePage == 28591) return Encoding.Latin1;
        try
        {
            return Encoding.GetEncoding(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}

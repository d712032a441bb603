using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>
/// The PS3.6 data dictionary: tag ↔ keyword ↔ VR. Generated (see <c>Dictionary/generate_dictionary.py</c>) into an
/// embedded text table that is parsed once on first use. Unknown tags have VR UN.
/// </summary>
public static class DicomDictionary
{
    private readonly record struct Entry(DicomVR VR, string Keyword, bool UsOrSs = false);

    private sealed class Tables
    {
        public readonly Dictionary<uint, Entry> ByTag = new(5000);
        public readonly Dictionary<string, DicomTag> ByKeyword = new(5000, StringComparer.Ordinal);
        public readonly List<(uint Mask, uint Value, Entry Entry)> Repeaters = [];
    }

    private static readonly Lazy<Dictionary<(string Creator, ulong Key), DicomVR>> Private = new(LoadPrivate);

    private static readonly Lazy<Tables> Data = new(Load);

    /// <summary>The VR of a tag for Implicit VR decoding: group lengths are UL, private creators LO, unknown tags UN.</summary>
    public static DicomVR VROf(DicomTag tag)
    {
        if (tag.Element == 0) return DicomVR.UL;
        if (tag.IsPrivate)
            return tag.Element is >= 0x0010 and <= 0x00FF ? DicomVR.LO : DicomVR.UN;
        return TryGet(tag, out var e) ? e.VR : DicomVR.UN;
    }

    /// <summary>
    /// True for tags whose VR is "US or SS" (PS3.6); in Implicit VR the reader decides by Pixel Representation
    /// (0 → US, 1 → SS), as PS3.5 Annex A.1 c says.
    /// </summary>
    public static bool IsUsOrSs(DicomTag tag) => !tag.IsPrivate && TryGet(tag, out var e) && e.UsOrSs;

    /// <summary>
    /// The VR of a private data element from the private dictionary (pydicom's, generated from GDCM's; see
    /// <c>Dictionary/generate_private_dictionary.py</c>), given the value of its Private Creator; null when unknown.
    /// Looked up as the exact tag, then with the block byte as 'xx', then with the group's last two digits as well.
    /// </summary>
    public static DicomVR? PrivateVROf(DicomTag tag, string creator)
    {
        var table = Private.Value;
        foreach (var key in (ReadOnlySpan<ulong>)[ExactKey(tag), BlockKey(tag), GroupKey(tag)])
            if (table.TryGetValue((creator, key), out var vr)) return vr;
        return null;
    }

    // The three key forms the private dictionary is searched by (no strings per lookup): "ggggeeee", "ggggxxee", "ggxxxxee".
    private static ulong ExactKey(DicomTag tag) => tag.Value;
    private static ulong BlockKey(DicomTag tag) => 1UL << 32 | (uint)tag.Group << 16 | (uint)(tag.Element & 0xFF);
    private static ulong GroupKey(DicomTag tag) => 2UL << 32 | (uint)(tag.Group >> 8) << 16 | (uint)(tag.Element & 0xFF);

    /// <summary>The lookup key of a dictionary key in one of the three forms, or null for any other wildcard pattern.</summary>
    private static ulong? KeyOf(string key)
    {
        static bool Hex(string s, out uint v) => uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out v);
        if (Hex(key, out var exact)) return ExactKey(DicomTag.FromValue(exact));
        if (key[4..6] == "xx" && Hex(key[..4] + key[6..], out var block)) return BlockKey(new DicomTag((ushort)(block >> 8), (ushort)(block & 0xFF)));
        if (key[2..6] == "xxxx" && Hex(key[..2] + key[6..], out var group)) return GroupKey(new DicomTag((ushort)((group >> 8) << 8), (ushort)(group & 0xFF)));
        return null;
    }

    /// <summary>The keyword of a tag (e.g. <c>PatientName</c>), or null when the tag is not in the dictionary.</summary>
    public static string? KeywordOf(DicomTag tag) => TryGet(tag, out var e) ? e.Keyword : null;

    /// <summary>Finds the tag of a keyword (case-sensitive, as PS3.6 spells it).</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag) => Data.Value.ByKeyword.TryGetValue(keyword, out tag);

    /// <summary>Number of entries (exact and repeating-group).</summary>
    public static int Count => Data.Value.ByTag.Count + Data.Value.Repeaters.Count;

    private static bool TryGet(DicomTag tag, out Entry entry)
    {
        var t = Data.Value;
        if (t.ByTag.TryGetValue(tag.Value, out entry)) return true;
        foreach (var (mask, value, e) in t.Repeaters)
        {
            if ((tag.Value & mask) == value)
            {
                entry = e;
                return true;
            }
        }
        return false;
    }

    private static Tables Load()
    {
        var t = new Tables();
        using var stream = typeof(DicomDictionary).Assembly.GetManifestResourceStream("RadiologyNet.Dicom.dictionary.txt")
            ?? throw new InvalidOperationException("embedded DICOM dictionary missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 13) continue;
            var key = line.AsSpan(0, 8);
            var vr = (DicomVR)(line[9] << 8 | line[10]);
            var fields = line[12..].Split(' ');
            var entry = new Entry(vr, fields[0], fields.Length > 1 && fields[1].Contains("US/SS", StringComparison.Ordinal));
            if (key.Contains('x'))
            {
                uint mask = 0, value = 0;
                for (var i = 0; i < 8; i++)
                {
                    mask <<= 4;
                    value <<= 4;
                    if (key[i] == 'x') continue;
                    mask |= 0xF;
                    value |= uint.Parse(key.Slice(i, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }
                t.Repeaters.Add((mask, value, entry));
                t.ByKeyword.TryAdd(entry.Keyword, DicomTag.FromValue(value));
            }
            else
            {
                var tag = uint.Parse(key, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                t.ByTag[tag] = entry;
                t.ByKeyword.TryAdd(entry.Keyword, DicomTag.FromValue(tag));
            }
        }
        return t;
    }

    private static Dictionary<(string, ulong), DicomVR> LoadPrivate()
    {
        var table = new Dictionary<(string, ulong), DicomVR>(10000);
        using var stream = typeof(DicomDictionary).Assembly.GetManifestResourceStream("RadiologyNet.Dicom.private_dictionary.txt")
            ?? throw new InvalidOperationException("embedded private DICOM dictionary missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 13) continue;
            if (KeyOf(line[..8]) is { } key) table.TryAdd((line[12..], key), (DicomVR)(line[9] << 8 | line[10]));
        }
        return table;
    }
}

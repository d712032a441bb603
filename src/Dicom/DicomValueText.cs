using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// Turns text element values into strings the way pydicom 2.3.1 does, so that the JSON model and the dump agree
/// with the oracle: which VRs use Specific Character Set, where values split, which padding is removed.
/// </summary>
public static class DicomValueText
{
    /// <summary>True for the VRs whose text is decoded with Specific Character Set (PS3.5 §6.1.2.3): LO, LT, PN, SH, ST, UC, UT.</summary>
    public static bool UsesCharacterSet(DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>
    /// The values of a text element (not PN, DS or IS): AE trims each value; AS, CS, DA, DT, TM, UI drop trailing
    /// spaces/NULs and split; LO, SH, UC split first and drop each value's trailing spaces/NULs; LT, ST, UT are one
    /// value without trailing spaces/NULs; UR drops trailing whitespace.
    /// </summary>
    public static string[] Strings(DicomVR vr, ReadOnlySpan<byte> value, Encoding encoding)
    {
        switch (vr)
        {
            case DicomVR.AE:
                return Latin1(value).Split('\\').Select(s => s.Trim()).ToArray();
            case DicomVR.LO or DicomVR.SH or DicomVR.UC:
            {
                var result = new List<string>();
                var rest = value;
                while (true)
                {
                    var i = rest.IndexOf((byte)'\\');
                    var part = i < 0 ? rest : rest[..i];
                    result.Add(CharacterSets.Decode(encoding, part).TrimEnd('\0', ' '));
                    if (i < 0) break;
                    rest = rest[(i + 1)..];
                }
                return result.ToArray();
            }
            case DicomVR.LT or DicomVR.ST or DicomVR.UT:
                return [CharacterSets.Decode(encoding, value).TrimEnd('\0', ' ')];
            case DicomVR.UR:
                return [Latin1(value).TrimEnd()];
            default:
                return Split(Latin1(value), trimTrailing: true);
        }
    }

    /// <summary>Person names: each value (split at '\') as its up to three component groups (split at '='), trailing empty groups dropped.</summary>
    public static string[][] PersonNames(ReadOnlySpan<byte> value, Encoding encoding)
    {
        var end = value.Length;
        while (end > 0 && value[end - 1] is 0 or (byte)' ') end--;
        value = value[..end];
        if (value.IsEmpty) return [];
        var names = new List<string[]>();
        foreach (var range in value.Split((byte)'\\'))
        {
            var name = value[range];
            var groups = new List<string>();
            foreach (var g in name.Split((byte)'=')) groups.Add(CharacterSets.Decode(encoding, name[g], personName: true));
            while (groups.Count > 0 && groups[^1].Length == 0) groups.RemoveAt(groups.Count - 1);
            names.Add(groups.ToArray());
        }
        return names.ToArray();
    }

    /// <summary>Decodes as ISO 8859-1 (the default repertoire, which never fails).</summary>
    public static string Latin1(ReadOnlySpan<byte> value) => Encoding.Latin1.GetString(value);

    /// <summary>Drops trailing spaces and NULs (when asked) and splits at backslashes.</summary>
    public static string[] Split(string text, bool trimTrailing)
    {
        if (trimTrailing) text = text.TrimEnd(' ', '\0');
        return text.Split('\\');
    }
}

using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>
/// Rejects datasets with an Integer String (IS) value that is a number with a fraction (e.g. <c>002.880000E+01</c>):
/// such a value cannot be read as the integer the attribute promises without losing information. This is the
/// reference toolkit's (pydicom's) rule too; values that are not numbers at all are left to the caller.
/// </summary>
internal static class IntegerStringCheck
{
    // What string.Trim() removes from ISO 8859-1 text: tab, LF, VT, FF, CR, space, NEL, no-break space.
    private static ReadOnlySpan<byte> Whitespace => [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0];

    /// <summary>Throws <see cref="DicomFormatException"/> naming the tag of the first fractional IS value (never the value), searching items too.</summary>
    public static void Check(DicomDataset ds, int depth = 0)
    {
        if (depth > 256) return;
        foreach (var e in ds)
        {
            if (e.Items is { } items)
            {
                foreach (var item in items) Check(item, depth + 1);
                continue;
            }
            if (e.VR != DicomVR.IS || e.Value.IsEmpty) continue;
            var rest = e.Value.Span.TrimEnd(" \0"u8);
            while (true)
            {
                // Each backslash-separated value, on the bytes (no strings unless a value is rejected).
                var cut = rest.IndexOf((byte)'\\');
                var part = (cut < 0 ? rest : rest[..cut]).Trim(Whitespace);
                if (!IsInteger(part) && double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Floor(d) != d)
                    throw new DicomFormatException($"{e.Tag} IS value is not an integer");
                if (cut < 0) break;
                rest = rest[(cut + 1)..];
            }
        }
    }

    /// <summary>An optional sign followed by ASCII digits only (any magnitude), or empty.</summary>
    private static bool IsInteger(ReadOnlySpan<byte> s)
    {
        if (s.Length > 1 && s[0] is (byte)'+' or (byte)'-') s = s[1..];
        return s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }
}

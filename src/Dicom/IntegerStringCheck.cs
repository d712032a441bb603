using System.Globalization;
using System.Numerics;

namespace RadiologyNet.Dicom;

/// <summary>
/// Rejects datasets with an Integer String (IS) value that is a number with a fraction (e.g. <c>002.880000E+01</c>):
/// such a value cannot be read as the integer the attribute promises without losing information. This is the
/// reference toolkit's (pydicom's) rule too; values that are not numbers at all are left to the caller.
/// </summary>
internal static class IntegerStringCheck
{
    /// <summary>Throws <see cref="DicomFormatException"/> naming the first fractional IS value, searching items too.</summary>
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
            foreach (var part in DicomValueText.Split(DicomValueText.Latin1(e.Value.Span), trimTrailing: true))
            {
                var s = part.Trim();
                if (s.Length == 0 || BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) continue;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Floor(d) != d)
                    throw new DicomFormatException($"{e.Tag} IS value '{s}' is not an integer");
            }
        }
    }
}

namespace RadiologyNet.Dicom;

/// <summary>Encoding rules of value representations (PS3.5 §7.1.2): header form, byte-swap unit.</summary>
internal static class VRInfo
{
    /// <summary>True when Explicit VR encodes the VR with 2 reserved bytes and a 32-bit length.</summary>
    public static bool HasLongLength(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV
        or DicomVR.OW or DicomVR.SQ or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.SV or DicomVR.UV;

    /// <summary>Size of the unit that byte order applies to (1 for text and bytes).</summary>
    public static int SwapUnit(DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW or DicomVR.AT => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 1,
    };

    /// <summary>Parses two VR characters; false when they are not a VR of the current standard.</summary>
    public static bool TryParse(byte a, byte b, out DicomVR vr)
    {
        vr = (DicomVR)(a << 8 | b);
        if (a is < (byte)'A' or > (byte)'Z' || b is < (byte)'A' or > (byte)'Z') return false;
        return Enum.IsDefined(vr);
    }

    /// <summary>True when both bytes are upper-case letters (an explicit VR, known or not).</summary>
    public static bool LooksLikeVR(byte a, byte b) => a is >= (byte)'A' and <= (byte)'Z' && b is >= (byte)'A' and <= (byte)'Z';

    /// <summary>Copies a value swapping each unit's byte order (big ↔ little endian).</summary>
    public static byte[] Swap(ReadOnlySpan<byte> value, int unit)
    {
        var copy = value.ToArray();
        if (unit <= 1) return copy;
        var whole = copy.Length - copy.Length % unit;
        for (var i = 0; i < whole; i += unit) copy.AsSpan(i, unit).Reverse();
        return copy;
    }
}

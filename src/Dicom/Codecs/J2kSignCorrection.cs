using System.Buffers.Binary;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// JPEG 2000 codestreams may say unsigned where Pixel Representation says signed (pydicom's J2K_pixelrep_mismatch.dcm);
/// GDCM then returns BitsStored-bit values without sign extension. The dataset wins, as in pydicom's J2K corrections:
/// samples are sign-extended from BitsStored, which leaves already sign-extended samples unchanged.
/// </summary>
internal static class J2kSignCorrection
{
    public static void Apply(Span<byte> frame, ImagePixelModule m)
    {
        if (!m.IsSigned || m.BitsStored >= m.BitsAllocated || m.BitsAllocated is not (8 or 16 or 32)) return;
        var shift = 32 - m.BitsStored;
        switch (m.BitsAllocated)
        {
            case 8:
                for (var i = 0; i < frame.Length; i++) frame[i] = (byte)(sbyte)((frame[i] << shift) >> shift);
                break;
            case 16:
                for (var i = 0; i + 1 < frame.Length; i += 2)
                    BinaryPrimitives.WriteInt16LittleEndian(frame[i..], (short)((BinaryPrimitives.ReadUInt16LittleEndian(frame[i..]) << shift) >> shift));
                break;
            default:
                for (var i = 0; i + 3 < frame.Length; i += 4)
                    BinaryPrimitives.WriteInt32LittleEndian(frame[i..], (int)(BinaryPrimitives.ReadUInt32LittleEndian(frame[i..]) << shift) >> shift);
                break;
        }
    }
}

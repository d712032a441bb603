using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>Extracts samples from a native frame: container values, or BitsStored/HighBit masked and sign-extended.</summary>
internal static class StoredValues
{
    /// <summary>
    /// Samples in interleaved order. With <paramref name="applyBitsStored"/> the value is bits HighBit-BitsStored+1..HighBit,
    /// sign-extended when signed; without, it is the whole container (uint8/int8/uint16/int16/uint32/int32), as numpy sees it.
    /// </summary>
    public static double[] Extract(ReadOnlySpan<byte> frame, int planar, ImagePixelModule m, bool applyBitsStored)
    {
        var pixels = (int)m.PixelsPerFrame;
        var samples = m.SamplesPerPixel;
        var n = pixels * samples;
        var result = new double[n];
        var bytes = m.BitsAllocated == 1 ? 1 : m.BitsAllocated / 8;
        var shift = m.HighBit + 1 - m.BitsStored;
        var mask = m.BitsStored >= 32 ? uint.MaxValue : (1u << m.BitsStored) - 1;
        var signBit = 1u << (m.BitsStored - 1);
        var mask2 = m.BitsAllocated == 1 ? 1u : m.BitsAllocated == 32 ? uint.MaxValue : (1u << m.BitsAllocated) - 1;
        for (var k = 0; k < n; k++)
        {
            var src = planar == 1 && samples > 1 ? (k % samples) * pixels + k / samples : k;
            uint raw = bytes switch
            {
                1 => frame[src],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(src * 2, 2)),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(src * 4, 4)),
            };
            if (applyBitsStored)
            {
                var v = (raw >> shift) & mask;
                result[k] = m.IsSigned && (v & signBit) != 0 ? (double)v - (double)mask - 1 : v;
            }
            else
            {
                raw &= mask2;
                var containerSign = m.BitsAllocated == 1 ? 0u : 1u << (m.BitsAllocated - 1);
                result[k] = m.IsSigned && (raw & containerSign) != 0 ? (double)raw - (double)mask2 - 1 : raw;
            }
        }
        return result;
    }
}

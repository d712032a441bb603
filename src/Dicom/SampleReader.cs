using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>
/// Reads samples of a native frame in interleaved order, straight from its bytes (1, 2 or 4 per sample, as stored):
/// with <c>applyBitsStored</c> the value is bits HighBit-BitsStored+1..HighBit, sign-extended when signed; without, it is
/// the whole container (uint8/int8/uint16/int16/uint32/int32), as numpy sees it. Nothing is widened into a copy.
/// </summary>
internal readonly struct SampleReader
{
    private readonly int _pixels;
    private readonly int _samples;
    private readonly int _bytes;
    private readonly bool _planar;
    private readonly bool _signed;
    private readonly bool _applyBitsStored;
    private readonly int _shift;
    private readonly uint _mask;
    private readonly uint _signBit;
    private readonly uint _containerMask;
    private readonly uint _containerSign;

    /// <summary>A reader for frames laid out as <paramref name="m"/> describes (BitsAllocated 1 frames come unpacked, one byte per sample).</summary>
    public SampleReader(ImagePixelModule m, bool applyBitsStored)
    {
        _pixels = (int)m.PixelsPerFrame;
        _samples = m.SamplesPerPixel;
        Count = _pixels * _samples;
        _bytes = m.BitsAllocated == 1 ? 1 : m.BitsAllocated / 8;
        _planar = m.PlanarConfiguration == 1 && _samples > 1;
        _signed = m.IsSigned;
        _applyBitsStored = applyBitsStored;
        _shift = m.HighBit + 1 - m.BitsStored;
        _mask = m.BitsStored >= 32 ? uint.MaxValue : (1u << m.BitsStored) - 1;
        _signBit = 1u << (m.BitsStored - 1);
        _containerMask = m.BitsAllocated == 1 ? 1u : m.BitsAllocated == 32 ? uint.MaxValue : (1u << m.BitsAllocated) - 1;
        _containerSign = m.BitsAllocated == 1 ? 0u : 1u << (m.BitsAllocated - 1);
    }

    /// <summary>Samples in one frame.</summary>
    public int Count { get; }

    /// <summary>Throws when <paramref name="frame"/> is shorter than one frame.</summary>
    public void RequireFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < (long)Count * _bytes)
            throw new DicomFormatException($"decoded frame has {frame.Length} bytes but {Count} samples of {_bytes} byte(s) are needed");
    }

    /// <summary>Sample <paramref name="k"/> (interleaved order) of <paramref name="frame"/>.</summary>
    public double Read(ReadOnlySpan<byte> frame, int k)
    {
        var src = _planar ? (k % _samples) * _pixels + k / _samples : k;
        uint raw = _bytes switch
        {
            1 => frame[src],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(src * 2, 2)),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(src * 4, 4)),
        };
        if (_applyBitsStored)
        {
            var v = (raw >> _shift) & _mask;
            return _signed && (v & _signBit) != 0 ? (double)v - (double)_mask - 1 : v;
        }
        raw &= _containerMask;
        return _signed && (raw & _containerSign) != 0 ? (double)raw - (double)_containerMask - 1 : raw;
    }

    /// <summary>Every sample of <paramref name="frame"/> as doubles (for callers that want the values themselves).</summary>
    public double[] ToArray(ReadOnlySpan<byte> frame)
    {
        RequireFrame(frame);
        var result = new double[Count];
        for (var k = 0; k < result.Length; k++) result[k] = Read(frame, k);
        return result;
    }
}

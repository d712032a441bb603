using System.Buffers.Binary;

namespace RadiologyNet.Dicom;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): a 64-byte header (segment count, 15 offsets), then one PackBits segment per byte
/// plane, most significant byte first, sample after sample. Decodes to a native little-endian interleaved frame.
/// </summary>
internal static class RleDecoder
{
    /// <summary>Decodes one frame into native layout (samples interleaved, Planar Configuration 0).</summary>
    public static byte[] DecodeFrame(ReadOnlySpan<byte> frame, ImagePixelModule m, int frameIndex)
    {
        if (m.BitsAllocated == 1) throw new DicomFormatException("RLE with BitsAllocated 1 is not supported");
        if (frame.Length < 64) throw new DicomFormatException($"RLE frame {frameIndex} is {frame.Length} bytes, shorter than its 64-byte header");
        var bytesPerSample = m.BitsAllocated / 8;
        var expectedSegments = bytesPerSample * m.SamplesPerPixel;
        var segments = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (segments != expectedSegments)
            throw new DicomFormatException($"RLE frame {frameIndex} has {segments} segments, expected {expectedSegments} at fragment offset 0");
        var pixels = (int)m.PixelsPerFrame;
        var bounds = new (int Start, int End)[segments];
        for (var s = 0; s < segments; s++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + 4 * s)..]);
            var end = s + 1 < segments ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + 4 * s)..]) : (uint)frame.Length;
            if (start < 64 || start > end || end > frame.Length)
                throw new DicomFormatException($"RLE frame {frameIndex} segment {s} has invalid offsets {start}..{end} at fragment offset {4 + 4 * s}");
            // Checked before anything is allocated: a small fragment cannot make the decoder fill a declared huge image.
            if (end - start < MinSegmentBytes(pixels))
                throw new DicomFormatException(
                    $"RLE frame {frameIndex} segment {s} has {end - start} bytes, too few to decode to the {pixels} bytes of a {m.Rows}x{m.Columns} frame (RLE expands at most {MaxExpansion}:1) at fragment offset {start}");
            bounds[s] = ((int)start, (int)end);
        }
        var output = new byte[m.FrameBytes];
        var plane = new byte[pixels];
        for (var s = 0; s < segments; s++)
        {
            var (start, end) = bounds[s];
            var produced = DecodeSegment(frame[start..end], plane);
            if (produced < pixels)
                throw new DicomFormatException($"RLE frame {frameIndex} segment {s} decodes to {produced} bytes, expected {pixels} at fragment offset {start}");
            var sample = s / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - s % bytesPerSample; // MSB segment first → highest LE byte
            var stride = m.SamplesPerPixel * bytesPerSample;
            var o = sample * bytesPerSample + byteInSample;
            for (var i = 0; i < pixels; i++, o += stride) output[o] = plane[i];
        }
        return output;
    }

    /// <summary>The most output bytes per input byte: a replicate run turns 2 bytes into 128.</summary>
    public const int MaxExpansion = 64;

    /// <summary>The fewest segment bytes that can decode to <paramref name="bytes"/> bytes: 2 per run of at most 128.</summary>
    public static long MinSegmentBytes(long bytes) => 2 * ((bytes + 127) / 128);

    /// <summary>PackBits: n in 0..127 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op.</summary>
    public static int DecodeSegment(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0, o = 0;
        while (i < src.Length && o < dst.Length)
        {
            var n = (sbyte)src[i++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(src.Length - i, dst.Length - o));
                src.Slice(i, count).CopyTo(dst[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128)
            {
                if (i >= src.Length) break;
                var count = Math.Min(1 - n, dst.Length - o);
                dst.Slice(o, count).Fill(src[i++]);
                o += count;
            }
        }
        return o;
    }
}

namespace RadiologyNet.Dicom;

/// <summary>
/// Locates one frame of Pixel Data and returns it in native layout (little endian, as stored: interleaved or planar
/// per Planar Configuration; RLE frames come back interleaved). Checks that the data present covers the image size.
/// </summary>
internal static class PixelDataFrames
{
    /// <summary>Syntaxes whose pixel data is native once the reader has parsed them (big endian is swapped on read).</summary>
    public static bool IsNative(string ts) => ts is TransferSyntax.ImplicitVRLittleEndian or TransferSyntax.ExplicitVRLittleEndian
        or TransferSyntax.ExplicitVRBigEndian or TransferSyntax.DeflatedExplicitVRLittleEndian;

    /// <summary>
    /// The frame's bytes and the module that describes them as they are now: a codec may change the photometric
    /// interpretation (GDCM returns RGB for lossy YBR JPEG) and planar configuration. BitsAllocated 1 is unpacked to
    /// one byte per sample. Encapsulated frames are decoded by the codec <see cref="Codecs.PixelCodecRegistry.Default"/>
    /// holds for the syntax.
    /// </summary>
    public static (ReadOnlyMemory<byte> Bytes, ImagePixelModule Module) GetFrame(DicomDataset ds, string ts, ImagePixelModule m, int frame)
    {
        if (frame < 0 || frame >= m.NumberOfFrames)
            throw new DicomFormatException($"frame {frame} out of range: the image has {m.NumberOfFrames} frame(s)");
        var element = ds[DicomTags.PixelData];
        if (element is null)
        {
            if (ds.Contains(new DicomTag(0x7FE0, 0x0008)) || ds.Contains(new DicomTag(0x7FE0, 0x0009)))
                throw new DicomFormatException("Float/Double Float Pixel Data is not supported");
            throw new DicomFormatException("no Pixel Data (7FE0,0010)");
        }
        if (element.IsEncapsulated)
        {
            var codec = Codecs.PixelCodecRegistry.Default.Get(ts);
            var fragment = FrameFragment(element.Fragments!, m.NumberOfFrames, frame, ExtendedOffsets(ds));
            var decoded = codec.Decode(fragment, m, ts, frame);
            return (decoded.Bytes, m with { PhotometricInterpretation = decoded.PhotometricInterpretation, PlanarConfiguration = decoded.PlanarConfiguration });
        }
        if (!IsNative(ts))
        {
            if (ts == TransferSyntax.RLELossless || ts.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal))
                throw new DicomFormatException($"Pixel Data is not encapsulated although the transfer syntax is {TransferSyntax.NameOf(ts)}");
            throw new UnsupportedTransferSyntaxException(ts);
        }
        var data = element.Value;
        if (ts == TransferSyntax.ExplicitVRBigEndian && m.BitsAllocated != 16 && element.VR == DicomVR.OW)
        {
            // The reader swapped OW in 16-bit words; undo that and swap per real sample size.
            var bytes = VRInfo.Swap(data.Span, 2);
            data = m.BitsAllocated == 32 ? VRInfo.Swap(bytes, 4) : bytes;
        }
        if (m.BitsAllocated == 1) return (UnpackBits(data.Span, m, frame), m);
        var needed = m.FrameBytes * m.NumberOfFrames;
        if (data.Length < needed)
            throw new DicomFormatException(
                $"Pixel Data has {data.Length} bytes but {m.Rows}x{m.Columns}x{m.SamplesPerPixel} samples of {m.BitsAllocated} bits x {m.NumberOfFrames} frame(s) need {needed}");
        var slice = data.Slice((int)(m.FrameBytes * frame), (int)m.FrameBytes);
        return m.IsYbr422 ? (ExpandYbr422(slice.Span, m), m with { PlanarConfiguration = 0 }) : (slice, m);
    }

    private static byte[] UnpackBits(ReadOnlySpan<byte> data, ImagePixelModule m, int frame)
    {
        var count = m.PixelsPerFrame * m.SamplesPerPixel;
        var neededBits = count * m.NumberOfFrames;
        if ((long)data.Length * 8 < neededBits)
            throw new DicomFormatException($"Pixel Data has {data.Length} bytes but {neededBits} 1-bit samples are needed");
        var result = new byte[count];
        var bit = count * frame;
        for (long i = 0; i < count; i++, bit++) result[i] = (byte)(data[(int)(bit >> 3)] >> (int)(bit & 7) & 1);
        return result;
    }

    /// <summary>The Extended Offset Table (7FE0,0001), 64-bit offsets per frame (PS3.5 A.4), or null when absent or malformed.</summary>
    private static ulong[]? ExtendedOffsets(DicomDataset ds)
    {
        var element = ds[new DicomTag(0x7FE0, 0x0001)];
        if (element is null || element.Value.Length == 0 || element.Value.Length % 8 != 0) return null;
        var span = element.Value.Span;
        var offsets = new ulong[span.Length / 8];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span[(8 * i)..]);
        return offsets;
    }

    /// <summary>
    /// The bytes of one frame of encapsulated data: by the Extended Offset Table when given (it takes the place of an
    /// empty Basic Offset Table), by the Basic Offset Table, one fragment per frame, or all fragments for one frame.
    /// </summary>
    public static ReadOnlyMemory<byte> FrameFragment(IReadOnlyList<ReadOnlyMemory<byte>> fragments, int frames, int frame, ulong[]? extendedOffsets = null)
    {
        if (fragments.Count < 2) throw new DicomFormatException("encapsulated Pixel Data has no fragments");
        var bot = fragments[0].Span;
        if (extendedOffsets is not null && bot.Length == 0 && extendedOffsets.Length == frames)
        {
            var start = extendedOffsets[frame];
            var end = frame + 1 < frames ? extendedOffsets[frame + 1] : ulong.MaxValue;
            if (start > end) throw new DicomFormatException($"Extended Offset Table entries of frames {frame} and {frame + 1} are not ascending");
            return Concatenate(fragments, start, end, frame);
        }
        if (bot.Length >= 4 * frames && frames > 1)
        {
            var start = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bot[(4 * frame)..]);
            var end = frame + 1 < frames ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bot[(4 * frame + 4)..]) : uint.MaxValue;
            return Concatenate(fragments, start, end, frame);
        }
        if (frames == 1) return fragments.Count == 2 ? fragments[1] : Concatenate(fragments, 0, uint.MaxValue, frame);
        if (fragments.Count - 1 == frames) return fragments[frame + 1];
        if (FrameStarts(fragments) is { } starts && starts.Count == frames)
        {
            var first = starts[frame];
            var end = frame + 1 < frames ? starts[frame + 1] : fragments.Count;
            return end - first == 1 ? fragments[first] : Join(fragments, first, end);
        }
        throw new DicomFormatException($"cannot map {fragments.Count - 1} fragments to {frames} frames without a Basic Offset Table");
    }

    /// <summary>
    /// Without a Basic Offset Table and with more fragments than frames: the fragments that open a codestream (JPEG and
    /// JPEG-LS SOI FFD8, JPEG 2000 SOC FF4F or the JP2 signature box) start the frames; null when the first fragment opens none.
    /// </summary>
    private static List<int>? FrameStarts(IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    {
        var starts = new List<int>();
        for (var i = 1; i < fragments.Count; i++)
        {
            var f = fragments[i].Span;
            var opens = f.Length >= 2 && f[0] == 0xFF && (f[1] == 0xD8 || f[1] == 0x4F)
                || f.Length >= 8 && f[..8].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20]);
            if (opens) starts.Add(i);
            else if (i == 1) return null;
        }
        return starts;
    }

    private static byte[] Join(IReadOnlyList<ReadOnlyMemory<byte>> fragments, int first, int end)
    {
        var total = 0;
        for (var i = first; i < end; i++) total += fragments[i].Length;
        var joined = new byte[total];
        for (int i = first, o = 0; i < end; o += fragments[i].Length, i++) fragments[i].Span.CopyTo(joined.AsSpan(o));
        return joined;
    }

    private static ReadOnlyMemory<byte> Concatenate(IReadOnlyList<ReadOnlyMemory<byte>> fragments, ulong start, ulong end, int frame)
    {
        // Offsets count from the first byte of the first fragment's item tag (8-byte item headers included).
        ulong offset = 0;
        var parts = new List<ReadOnlyMemory<byte>>();
        var total = 0;
        for (var i = 1; i < fragments.Count; i++)
        {
            if (offset >= start && offset < end)
            {
                if (parts.Count == 0 && offset != start)
                    throw new DicomFormatException($"offset table entry {start} for frame {frame} is not at a fragment boundary");
                parts.Add(fragments[i]);
                total += fragments[i].Length;
            }
            offset += 8 + (ulong)fragments[i].Length;
        }
        if (parts.Count == 0) throw new DicomFormatException($"offset table entry {start} for frame {frame} matches no fragment");
        if (parts.Count == 1) return parts[0];
        var joined = new byte[total];
        var o = 0;
        foreach (var p in parts)
        {
            p.Span.CopyTo(joined.AsSpan(o));
            o += p.Length;
        }
        return joined;
    }

    /// <summary>Y1 Y2 Cb Cr per pixel pair → (Y1 Cb Cr)(Y2 Cb Cr), as pydicom returns native YBR_FULL_422.</summary>
    private static byte[] ExpandYbr422(ReadOnlySpan<byte> src, ImagePixelModule m)
    {
        var b = m.BitsAllocated / 8;
        var pixels = (int)m.PixelsPerFrame;
        var result = new byte[pixels * 3 * b];
        for (int p = 0, s = 0; p < pixels && s + 4 * b <= src.Length; p += 2, s += 4 * b)
        {
            var y1 = src.Slice(s, b);
            var y2 = src.Slice(s + b, b);
            var cb = src.Slice(s + 2 * b, b);
            var cr = src.Slice(s + 3 * b, b);
            var o = p * 3 * b;
            y1.CopyTo(result.AsSpan(o)); cb.CopyTo(result.AsSpan(o + b)); cr.CopyTo(result.AsSpan(o + 2 * b));
            if (p + 1 < pixels)
            {
                o += 3 * b;
                y2.CopyTo(result.AsSpan(o)); cb.CopyTo(result.AsSpan(o + b)); cr.CopyTo(result.AsSpan(o + 2 * b));
            }
        }
        return result;
    }
}

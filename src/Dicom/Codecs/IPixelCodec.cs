namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Decodes one frame of encapsulated Pixel Data. Implementations are thread-safe. Every failure is a
/// <see cref="DicomFormatException"/> (an <see cref="UnsupportedTransferSyntaxException"/> when the codec is not installed).
/// </summary>
public interface IPixelCodec
{
    /// <summary>A short name for messages, e.g. "managed RLE" or "GDCM (codec worker)".</summary>
    string Name { get; }

    /// <summary>
    /// Decodes the bytes of one frame (all its fragments joined) to native little-endian samples, as many as
    /// <paramref name="module"/> describes for one frame.
    /// </summary>
    DecodedFrame Decode(ReadOnlyMemory<byte> encoded, ImagePixelModule module, string transferSyntaxUid, int frameIndex);
}

/// <summary>
/// One decoded frame: native little-endian samples and the layout they are in after decoding (a JPEG decoder may
/// return RGB for a file that declares YBR_FULL_422, and interleaved samples whatever the declared planar configuration).
/// </summary>
public sealed record DecodedFrame(byte[] Bytes, string PhotometricInterpretation, int PlanarConfiguration);

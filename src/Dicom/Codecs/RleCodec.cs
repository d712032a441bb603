namespace RadiologyNet.Dicom.Codecs;

/// <summary>RLE Lossless (1.2.840.10008.1.2.5), managed: decodes to interleaved samples (Planar Configuration 0).</summary>
public sealed class RleCodec : IPixelCodec
{
    /// <summary>The shared instance (the codec has no state).</summary>
    public static RleCodec Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "managed RLE";

    /// <inheritdoc />
    public DecodedFrame Decode(ReadOnlyMemory<byte> encoded, ImagePixelModule module, string transferSyntaxUid, int frameIndex) =>
        new(RleDecoder.DecodeFrame(encoded.Span, module, frameIndex), module.PhotometricInterpretation, 0);
}

using System.Collections.Concurrent;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// Codecs by transfer syntax UID. <see cref="Default"/> holds managed RLE and, when the codec worker is found
/// (see <see cref="CodecWorkerLocator"/>), GDCM for the JPEG, JPEG-LS and JPEG 2000 syntaxes.
/// Deflated Explicit VR Little Endian needs no frame codec: the reader inflates the whole dataset.
/// </summary>
public sealed class PixelCodecRegistry
{
    /// <summary>What to do to get the GDCM-backed syntaxes, quoted in every "no codec" error.</summary>
    public const string InstallHint = "install Debian package libgdcm-cil: ./scripts/install-test-deps.sh, then rebuild (the codec worker is compiled against it)";

    /// <summary>The syntaxes the GDCM codec worker decodes.</summary>
    public static IReadOnlyList<string> GdcmSyntaxes { get; } =
    [
        TransferSyntax.JPEGBaseline, TransferSyntax.JPEGExtended, TransferSyntax.JPEGLossless, TransferSyntax.JPEGLosslessSV1,
        TransferSyntax.JPEGLSLossless, TransferSyntax.JPEGLSNearLossless, TransferSyntax.JPEG2000Lossless, TransferSyntax.JPEG2000,
    ];

    private static readonly Lazy<PixelCodecRegistry> DefaultRegistry = new(() => Create(GdcmWorkerOptions.FromEnvironment()));
    private readonly ConcurrentDictionary<string, IPixelCodec> codecs = new(StringComparer.Ordinal);

    /// <summary>The registry <see cref="PixelPipeline"/> uses: created on first use from the environment.</summary>
    public static PixelCodecRegistry Default => DefaultRegistry.Value;

    /// <summary>A registry with managed RLE and, when its worker is found, GDCM out of process.</summary>
    public static PixelCodecRegistry Create(GdcmWorkerOptions options)
    {
        var registry = new PixelCodecRegistry();
        registry.Register(TransferSyntax.RLELossless, RleCodec.Instance);
        if (CodecWorkerLocator.Find(options) is not null)
        {
            var gdcm = new GdcmWorkerCodec(options);
            foreach (var ts in GdcmSyntaxes) registry.Register(ts, gdcm);
        }
        return registry;
    }

    /// <summary>Adds or replaces the codec for a syntax.</summary>
    public void Register(string transferSyntaxUid, IPixelCodec codec) => codecs[transferSyntaxUid] = codec;

    /// <summary>The codec for a syntax, if one is registered.</summary>
    public bool TryGet(string transferSyntaxUid, out IPixelCodec codec) => codecs.TryGetValue(transferSyntaxUid, out codec!);

    /// <summary>The codec for a syntax; throws <see cref="UnsupportedTransferSyntaxException"/> naming the syntax and what to install.</summary>
    public IPixelCodec Get(string transferSyntaxUid) =>
        TryGet(transferSyntaxUid, out var codec) ? codec : throw Unavailable(transferSyntaxUid, "the codec worker (radnet-codec-worker) was not found");

    /// <summary>The error for a syntax that has no usable codec, with the reason and, for GDCM syntaxes, what to install.</summary>
    public static UnsupportedTransferSyntaxException Unavailable(string transferSyntaxUid, string reason) =>
        GdcmSyntaxes.Contains(transferSyntaxUid)
            ? new UnsupportedTransferSyntaxException(transferSyntaxUid, $"no codec available: {reason}; {InstallHint}")
            : new UnsupportedTransferSyntaxException(transferSyntaxUid);
}

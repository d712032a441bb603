using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.Dicom.Tests.Codecs;

/// <summary>The codec worker dies or hangs; this process lives on, quarantines the frame, and decodes the next one.</summary>
public class CodecWorkerSupervisionTests
{
    private static readonly ImagePixelModule Module = new(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);
    private static readonly ImagePixelModule FlatModule = new(8, 8, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);

    /// <summary>An 8×8 greyscale baseline JPEG (quality 100) of the constant 100: every conformant decoder returns exactly 100.</summary>
    internal static readonly byte[] FlatJpeg = Convert.FromHexString(
        "FFD8FFE000104A46494600010100000100010000FFDB00430001010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101FFC0000B080008000801011100FFC4001F0000010501010101010100000000000000000102030405060708090A0BFFC400B5100002010303020403050504040000017D01020300041105122131410613516107227114328191A1082342B1C11552D1F02433627282090A161718191A25262728292A3435363738393A434445464748494A535455565758595A636465666768696A737475767778797A838485868788898A92939495969798999AA2A3A4A5A6A7A8A9AAB2B3B4B5B6B7B8B9BAC2C3C4C5C6C7C8C9CAD2D3D4D5D6D7D8D9DAE1E2E3E4E5E6E7E8E9EAF1F2F3F4F5F6F7F8F9FAFFDA0008010100003F00F87EBFFFD9");

    [Fact]
    public void Missing_codec_names_the_syntax_and_what_to_install()
    {
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => new PixelCodecRegistry().Get(TransferSyntax.JPEGLSLossless));
        Assert.Equal(
            "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80): no codec available: the codec worker (radnet-codec-worker) was not found; "
            + "install Debian package libgdcm-cil: ./scripts/install-test-deps.sh, then rebuild (the codec worker is compiled against it)", e.Message);
        Assert.Equal(TransferSyntax.JPEGLSLossless, e.Uid);
    }

    [Fact]
    public void Rle_is_managed_and_needs_no_worker()
    {
        var registry = PixelCodecRegistry.Create(new GdcmWorkerOptions { WorkerPath = "/nonexistent/radnet-codec-worker.dll" });
        Assert.Same(RleCodec.Instance, registry.Get(TransferSyntax.RLELossless));
        Assert.False(registry.TryGet(TransferSyntax.JPEGBaseline, out _));
    }

    [Fact]
    public void Worker_crash_is_survived_marked_and_never_retried_even_after_a_restart()
    {
        var options = GdcmWorker.Options(allowTestRequests: true);
        byte[] poison = [0xFF, 0xD8, 1, 2, 3];
        using (var codec = new GdcmWorkerCodec(options))
        {
            var e = Assert.Throws<CodecCrashException>(() => codec.Send(CodecWorkerProtocol.CrashForTest, poison, Module, TransferSyntax.JPEGBaseline, 0));
            Assert.StartsWith("codec worker crashed decoding this frame (GDCM): quarantined (signal 6 (SIGABRT)", e.Message);
            Assert.Equal(CrashMarkers.Hash(poison), e.FrameSha256);
            Assert.Equal((1, 1), (codec.WorkersStarted, codec.WorkerDeaths));
            Assert.True(File.Exists(Path.Combine(options.CrashMarkerFolder!, e.FrameSha256 + ".crash")));

            // The same frame again: refused at once, no worker started.
            var again = Assert.Throws<CodecCrashException>(() => codec.Decode(poison, Module, TransferSyntax.JPEGBaseline, 0));
            Assert.Equal($"frame 0 crashed the codec worker (GDCM) before: quarantined without decoding (sha256 {e.FrameSha256})", again.Message);
            Assert.Equal(1, codec.WorkersStarted);

            // The next good frame: a fresh worker decodes it (or, on a machine without GDCM, says so and lives).
            if (GdcmWorker.SkipReason is null)
            {
                var decoded = codec.Decode(FlatJpeg, FlatModule, TransferSyntax.JPEGBaseline, 0);
                Assert.Equal(Enumerable.Repeat((byte)100, 64), decoded.Bytes);
                Assert.Equal(("MONOCHROME2", 0), (decoded.PhotometricInterpretation, decoded.PlanarConfiguration));
            }
            else Assert.Throws<UnsupportedTransferSyntaxException>(() => codec.Decode(FlatJpeg, FlatModule, TransferSyntax.JPEGBaseline, 0));
            Assert.Equal((2, 1), (codec.WorkersStarted, codec.WorkerDeaths));
        }

        // A new process (a new codec) with the same marker folder: still refused, nothing started.
        using var restarted = new GdcmWorkerCodec(options);
        Assert.Throws<CodecCrashException>(() => restarted.Decode(poison, Module, TransferSyntax.JPEGBaseline, 0));
        Assert.Equal(0, restarted.WorkersStarted);
    }

    [Fact]
    public void Hanging_worker_is_killed_after_the_frame_timeout_and_the_frame_marked()
    {
        var options = GdcmWorker.Options(allowTestRequests: true, timeout: TimeSpan.FromSeconds(2));
        using var codec = new GdcmWorkerCodec(options);
        byte[] frame = [7, 7, 7];
        var e = Assert.Throws<CodecCrashException>(() => codec.Send(CodecWorkerProtocol.HangForTest, frame, Module, TransferSyntax.JPEG2000, 3));
        Assert.Equal("codec worker timed out decoding frame 3 (GDCM, no answer within 2 s): quarantined", e.Message);
        Assert.Equal(1, codec.WorkerDeaths);
        Assert.True(codec.Markers.IsMarked(CrashMarkers.Hash(frame)));
    }

    [GdcmFact]
    public void Garbage_is_a_decode_error_and_the_same_worker_decodes_the_next_frame()
    {
        using var codec = new GdcmWorkerCodec(GdcmWorker.Options());
        var e = Assert.Throws<DicomFormatException>(() => codec.Decode(new byte[] { 9, 9 }, Module, TransferSyntax.JPEGBaseline, 0));
        Assert.Equal("GDCM cannot decode frame 0 (JPEG Baseline (Process 1)): GDCM could not decompress the frame", e.Message);
        for (var i = 0; i < 50; i++) // many frames through one worker: GDCM objects are freed exactly once
            Assert.Equal(Enumerable.Repeat((byte)100, 64), codec.Decode(FlatJpeg, FlatModule, TransferSyntax.JPEGBaseline, 0).Bytes);
        Assert.Equal((1, 0), (codec.WorkersStarted, codec.WorkerDeaths));
    }

    [Fact]
    public void Test_requests_are_refused_unless_allowed()
    {
        using var codec = new GdcmWorkerCodec(GdcmWorker.Options(allowTestRequests: false));
        var e = Assert.ThrowsAny<DicomFormatException>(() => codec.Send(CodecWorkerProtocol.CrashForTest, new byte[] { 5 }, Module, TransferSyntax.JPEGBaseline, 0));
        Assert.IsNotType<CodecCrashException>(e);
        Assert.Equal(0, codec.WorkerDeaths);
        if (GdcmWorker.SkipReason is null)
            Assert.Equal("GDCM cannot decode frame 0 (JPEG Baseline (Process 1)): unknown request kind 240", e.Message);
    }
}

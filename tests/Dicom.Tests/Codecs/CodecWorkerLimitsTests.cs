using System.Diagnostics;
using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.Dicom.Tests.Codecs;

/// <summary>The worker's memory limit and frame timeout are settings; running out of memory is a crash that quarantines the frame.</summary>
public class CodecWorkerLimitsTests
{
    private static readonly ImagePixelModule FlatModule = new(8, 8, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);

    /// <summary>16384² 16-bit samples: 512 MiB once decoded.</summary>
    private static readonly ImagePixelModule HugeModule = new(16384, 16384, 1, 16, 16, 15, false, "MONOCHROME2", 0, 1);

    [GdcmFact]
    public void Worker_out_of_memory_is_a_crash_that_quarantines_the_frame_and_the_next_frame_gets_a_fresh_worker()
    {
        var options = GdcmWorker.Options(memoryLimitBytes: 64L << 20);
        using var codec = new GdcmWorkerCodec(options);
        byte[] frame = [0xFF, 0xD8, 0xFF, 0xD9, 1, 2]; // the output buffer is allocated before GDCM looks at the bytes
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<CodecCrashException>(() => codec.Decode(frame, HugeModule, TransferSyntax.JPEGBaseline, 0));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(
            "codec worker crashed decoding this frame (GDCM): quarantined (exit code 3: out of memory under the codec worker's memory limit; "
            + "stderr: radnet-codec-worker: out of memory decoding a 16384x16384 frame (limit 64 MiB))", e.Message);
        Assert.True(codec.Markers.IsMarked(CrashMarkers.Hash(frame)));

        Assert.Equal(Enumerable.Repeat((byte)100, 64), codec.Decode(CodecWorkerSupervisionTests.FlatJpeg, FlatModule, TransferSyntax.JPEGBaseline, 0).Bytes);
        Assert.Equal((2, 1), (codec.WorkersStarted, codec.WorkerDeaths));
    }

    [Fact]
    public void Memory_limit_and_frame_timeout_are_validated()
    {
        var low = Assert.Throws<ArgumentException>(() => new GdcmWorkerCodec(new GdcmWorkerOptions { MemoryLimitBytes = 1 << 20 }));
        Assert.Equal("the codec worker memory limit must be at least 32 MiB, not 1 MiB (RADNET_CODEC_MEMORY_LIMIT_MB)", low.Message);
        var zero = Assert.Throws<ArgumentException>(() => new GdcmWorkerCodec(new GdcmWorkerOptions { FrameTimeout = TimeSpan.Zero }));
        Assert.Equal("the codec frame timeout must be more than 0 and at most 3600 s, not 0 s (RADNET_CODEC_FRAME_TIMEOUT_SECONDS)", zero.Message);
        Assert.Equal((TimeSpan.FromSeconds(60), 2L << 30), (new GdcmWorkerOptions().FrameTimeout, new GdcmWorkerOptions().MemoryLimitBytes));
    }
}

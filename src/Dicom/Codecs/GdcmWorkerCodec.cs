using System.Collections.Concurrent;

namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// JPEG, JPEG-LS and JPEG 2000 through GDCM, out of process: GDCM 3.0.21 aborts its process on some real files, so it
/// runs in radnet-codec-worker, never here. Up to <see cref="GdcmWorkerOptions.MaxWorkers"/> workers are started on
/// demand and reused. A worker that dies or exceeds <see cref="GdcmWorkerOptions.FrameTimeout"/> is discarded (the next
/// frame starts a fresh one), the frame's SHA-256 is marked in <see cref="CrashMarkers"/>, and the caller gets a
/// <see cref="CodecCrashException"/> so the file is quarantined. A marked frame is refused without a decode.
/// </summary>
public sealed class GdcmWorkerCodec : IPixelCodec, IDisposable
{
    private readonly GdcmWorkerOptions options;
    private readonly CrashMarkers markers;
    private readonly ConcurrentBag<CodecWorkerProcess> idle = [];
    private readonly SemaphoreSlim slots;
    private volatile string? unavailable;
    private int started;
    private int deaths;

    /// <summary>A codec using the given options; nothing starts until the first frame.</summary>
    public GdcmWorkerCodec(GdcmWorkerOptions options)
    {
        this.options = options.Validated();
        markers = new CrashMarkers(options.CrashMarkerFolder);
        slots = new SemaphoreSlim(Math.Max(1, options.MaxWorkers));
    }

    /// <inheritdoc />
    public string Name => "GDCM (codec worker)";

    /// <summary>Worker processes started so far (a restart after a death counts).</summary>
    public int WorkersStarted => started;

    /// <summary>Workers that died or were killed for a timeout.</summary>
    public int WorkerDeaths => deaths;

    /// <summary>The crash markers this codec consults and writes.</summary>
    public CrashMarkers Markers => markers;

    /// <inheritdoc />
    public DecodedFrame Decode(ReadOnlyMemory<byte> encoded, ImagePixelModule module, string transferSyntaxUid, int frameIndex)
    {
        // Native samples wrapped in fragments (fo-dicom's genFile.dcm): exactly one native frame and no codestream
        // marker. GDCM returns them as they are; so do we, without a round trip.
        if (module.BitsAllocated >= 8 && encoded.Length == module.FrameBytes && !module.IsYbr422 && !OpensCodestream(encoded.Span))
            return new DecodedFrame(encoded.ToArray(), module.PhotometricInterpretation, module.PlanarConfiguration);
        var frame = Send(CodecWorkerProtocol.Decode, encoded, module, transferSyntaxUid, frameIndex);
        if (transferSyntaxUid is TransferSyntax.JPEG2000Lossless or TransferSyntax.JPEG2000) J2kSignCorrection.Apply(frame.Bytes, module);
        return frame;
    }

    private static bool OpensCodestream(ReadOnlySpan<byte> f) =>
        f.Length >= 2 && f[0] == 0xFF && f[1] is 0xD8 or 0x4F || f.Length >= 4 && f[..4].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0x0C]);

    /// <summary>Sends a request of any kind (tests send the crash and hang kinds).</summary>
    internal DecodedFrame Send(byte kind, ReadOnlyMemory<byte> encoded, ImagePixelModule module, string transferSyntaxUid, int frameIndex)
    {
        if (unavailable is { } reason) throw PixelCodecRegistry.Unavailable(transferSyntaxUid, reason);
        var hash = CrashMarkers.Hash(encoded.Span);
        if (markers.IsMarked(hash))
            throw new CodecCrashException($"frame {frameIndex} crashed the codec worker (GDCM) before: quarantined without decoding (sha256 {hash})", hash);
        var maxBytes = module.PixelsPerFrame * module.SamplesPerPixel * 4;
        slots.Wait();
        try
        {
            var worker = Acquire(transferSyntaxUid);
            (DecodedFrame? Frame, int BitsAllocated, string? Error) response;
            try
            {
                response = worker.Send(new CodecWorkerProtocol.Request(kind, transferSyntaxUid, module, encoded), options.FrameTimeout, maxBytes);
            }
            catch (TimeoutException e)
            {
                throw Crashed(worker, hash, $"codec worker timed out decoding frame {frameIndex} (GDCM, {e.Message}): quarantined");
            }
            catch (IOException)
            {
                throw Crashed(worker, hash, $"codec worker crashed decoding this frame (GDCM): quarantined ({worker.DescribeExit()})");
            }
            idle.Add(worker);
            if (response.Error is { } error) throw new DicomFormatException($"GDCM cannot decode frame {frameIndex} ({TransferSyntax.NameOf(transferSyntaxUid)}): {error}");
            return Checked(response.Frame!, response.BitsAllocated, module, frameIndex);
        }
        finally
        {
            slots.Release();
        }
    }

    private CodecWorkerProcess Acquire(string transferSyntaxUid)
    {
        if (idle.TryTake(out var worker)) return worker;
        var path = CodecWorkerLocator.Find(options)
            ?? throw PixelCodecRegistry.Unavailable(transferSyntaxUid, "the codec worker (radnet-codec-worker) was not found");
        try
        {
            worker = CodecWorkerProcess.Start(path, options);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidDataException or System.ComponentModel.Win32Exception or AggregateException)
        {
            throw new DicomFormatException($"the codec worker {path} does not start: {e.GetBaseException().Message}");
        }
        Interlocked.Increment(ref started);
        if (!worker.Available)
        {
            unavailable = $"the codec worker has no GDCM ({worker.Detail})";
            worker.Dispose();
            throw PixelCodecRegistry.Unavailable(transferSyntaxUid, unavailable);
        }
        return worker;
    }

    private CodecCrashException Crashed(CodecWorkerProcess worker, string hash, string message)
    {
        Interlocked.Increment(ref deaths);
        worker.Dispose();
        markers.Mark(hash, message);
        return new CodecCrashException(message, hash);
    }

    private static DecodedFrame Checked(DecodedFrame frame, int bitsAllocated, ImagePixelModule m, int frameIndex)
    {
        var samples = frame.PhotometricInterpretation.StartsWith("MONOCHROME", StringComparison.Ordinal) || frame.PhotometricInterpretation == "PALETTE COLOR" ? 1 : 3;
        var expected = m.PixelsPerFrame * m.SamplesPerPixel * (m.BitsAllocated / 8);
        if (bitsAllocated != m.BitsAllocated || samples != m.SamplesPerPixel || frame.Bytes.Length < expected)
            throw new DicomFormatException(
                $"GDCM decoded frame {frameIndex} to {frame.Bytes.Length} bytes of {bitsAllocated}-bit {frame.PhotometricInterpretation}, but the header describes {expected} bytes of {m.BitsAllocated}-bit {m.PhotometricInterpretation}");
        return frame.Bytes.Length == expected ? frame : frame with { Bytes = frame.Bytes[..(int)expected] };
    }

    /// <summary>Stops every idle worker.</summary>
    public void Dispose()
    {
        while (idle.TryTake(out var worker)) worker.Dispose();
    }
}

using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.CodecWorker;

/// <summary>Decodes one frame; <see cref="Available"/> is false (with the reason in <see cref="Detail"/>) when GDCM is absent.</summary>
internal abstract class FrameDecoder
{
    public abstract bool Available { get; }

    public abstract string Detail { get; }

    public abstract (DecodedFrame Frame, int BitsAllocated) Decode(CodecWorkerProtocol.Request request);

    /// <summary>GDCM when it was compiled in and its native glue loads, else a decoder that only refuses.</summary>
    public static FrameDecoder Create()
    {
#if HAVE_GDCM
        try
        {
            return new GdcmFrameDecoder();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            return new NoDecoder($"GDCM is compiled in but does not load: {e.GetBaseException().Message}");
        }
#else
        return new NoDecoder("built without GDCM (libgdcm-cil was not installed at build time)");
#endif
    }

    private sealed class NoDecoder(string reason) : FrameDecoder
    {
        public override bool Available => false;

        public override string Detail => reason;

        public override (DecodedFrame Frame, int BitsAllocated) Decode(CodecWorkerProtocol.Request request) => throw new NotSupportedException(reason);
    }
}

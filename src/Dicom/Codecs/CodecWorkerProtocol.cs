namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// The framing between <see cref="GdcmWorkerCodec"/> and radnet-codec-worker, little endian, over the worker's stdin
/// and stdout (strings are UTF-8 with a 7-bit-encoded length, as <see cref="BinaryWriter"/> writes them).
/// <list type="bullet">
/// <item>Hello, worker → parent once at start: "RNCW", int32 version, byte available (1/0), string detail.</item>
/// <item>Request: byte kind, string transfer syntax, int32 rows, columns, samples, bits allocated, bits stored,
/// high bit, pixel representation, planar configuration, string photometric, int32 length, frame bytes.</item>
/// <item>Response: byte 0, string photometric, int32 planar configuration, int32 bits allocated, int32 length, bytes;
/// or byte 1, string error message.</item>
/// </list>
/// </summary>
public static class CodecWorkerProtocol
{
    /// <summary>Bumped when the framing changes.</summary>
    public const int Version = 1;

    /// <summary>The hello magic.</summary>
    public static ReadOnlySpan<byte> Magic => "RNCW"u8;

    /// <summary>Decode the frame.</summary>
    public const byte Decode = 1;

    /// <summary>Tests only (honoured with --allow-test-requests): the worker dies at once, as GDCM does on an assertion.</summary>
    public const byte CrashForTest = 0xF0;

    /// <summary>Tests only (honoured with --allow-test-requests): the worker never answers.</summary>
    public const byte HangForTest = 0xF1;

    /// <summary>Response status: decoded.</summary>
    public const byte Ok = 0;

    /// <summary>Response status: the codec rejected the frame (the worker lives on).</summary>
    public const byte Error = 1;

    /// <summary>One request.</summary>
    public sealed record Request(byte Kind, string TransferSyntaxUid, ImagePixelModule Module, ReadOnlyMemory<byte> Frame);

    /// <summary>Writes a request and flushes.</summary>
    public static void WriteRequest(Stream stream, Request request)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var m = request.Module;
        w.Write(request.Kind);
        w.Write(request.TransferSyntaxUid);
        foreach (var v in new[] { m.Rows, m.Columns, m.SamplesPerPixel, m.BitsAllocated, m.BitsStored, m.HighBit, m.IsSigned ? 1 : 0, m.PlanarConfiguration })
            w.Write(v);
        w.Write(m.PhotometricInterpretation);
        w.Write(request.Frame.Length);
        w.Write(request.Frame.Span);
        w.Flush();
    }

    /// <summary>Reads a request; null at end of input.</summary>
    public static Request? ReadRequest(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int kind = stream.ReadByte();
        if (kind < 0) return null;
        var ts = r.ReadString();
        int rows = r.ReadInt32(), cols = r.ReadInt32(), samples = r.ReadInt32(), bitsAllocated = r.ReadInt32(), bitsStored = r.ReadInt32(),
            highBit = r.ReadInt32(), signed = r.ReadInt32(), planar = r.ReadInt32();
        var photometric = r.ReadString();
        var frame = r.ReadBytes(r.ReadInt32());
        var m = new ImagePixelModule(rows, cols, samples, bitsAllocated, bitsStored, highBit, signed == 1, photometric, planar, 1);
        return new Request((byte)kind, ts, m, frame);
    }

    /// <summary>Writes the hello.</summary>
    public static void WriteHello(Stream stream, bool available, string detail)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(available);
        w.Write(detail);
        w.Flush();
    }

    /// <summary>Reads the hello; throws <see cref="InvalidDataException"/> when it is not one of this version.</summary>
    public static (bool Available, string Detail) ReadHello(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        var version = r.ReadInt32();
        if (!magic.SequenceEqual(Magic) || version != Version) throw new InvalidDataException($"not a codec worker of protocol version {Version}");
        return (r.ReadBoolean(), r.ReadString());
    }

    /// <summary>Writes a decoded frame and flushes.</summary>
    public static void WriteDecoded(Stream stream, DecodedFrame frame, int bitsAllocated)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Ok);
        w.Write(frame.PhotometricInterpretation);
        w.Write(frame.PlanarConfiguration);
        w.Write(bitsAllocated);
        w.Write(frame.Bytes.Length);
        w.Write(frame.Bytes);
        w.Flush();
    }

    /// <summary>Writes a decode error and flushes.</summary>
    public static void WriteError(Stream stream, string message)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Error);
        w.Write(message);
        w.Flush();
    }

    /// <summary>Reads a response: the frame and its bits allocated, or the codec's error message. Refuses more than <paramref name="maxBytes"/>.</summary>
    public static (DecodedFrame? Frame, int BitsAllocated, string? Error) ReadResponse(Stream stream, long maxBytes)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var status = r.ReadByte();
        if (status == Error) return (null, 0, r.ReadString());
        if (status != Ok) throw new InvalidDataException($"bad response status {status}");
        var photometric = r.ReadString();
        var planar = r.ReadInt32();
        var bits = r.ReadInt32();
        var length = r.ReadInt32();
        if (length < 0 || length > maxBytes) throw new InvalidDataException($"response of {length} bytes exceeds the {maxBytes} expected");
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return (new DecodedFrame(bytes, photometric, planar), bits, null);
    }
}

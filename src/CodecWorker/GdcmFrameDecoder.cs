#if HAVE_GDCM
using RadiologyNet.Dicom.Codecs;

namespace RadiologyNet.CodecWorker;

/// <summary>
/// GDCM: builds an in-memory gdcm.Image (one frame, the declared pixel format and photometric interpretation, the
/// frame as a single fragment) and decompresses it with gdcm.Bitmap.GetBuffer. Every GDCM object is disposed per frame.
/// </summary>
internal sealed class GdcmFrameDecoder : FrameDecoder
{
    public GdcmFrameDecoder()
    {
        gdcm.Trace.WarningOff();
        gdcm.Trace.DebugOff();
        using var probe = new gdcm.Image(); // loads libgdcmsharpglue.so now, so a missing glue shows in the hello
        Detail = $"GDCM {gdcm.Version.GetVersion()}";
    }

    public override bool Available => true;

    public override string Detail { get; }

    public override (DecodedFrame Frame, int BitsAllocated) Decode(CodecWorkerProtocol.Request request)
    {
        var m = request.Module;
        var tsType = gdcm.TransferSyntax.GetTSType(request.TransferSyntaxUid);
        if (tsType == gdcm.TransferSyntax.TSType.TS_END) throw new NotSupportedException($"GDCM does not know transfer syntax {request.TransferSyntaxUid}");
        using var image = new gdcm.Image();
        image.SetNumberOfDimensions(2);
        image.SetDimension(0, (uint)m.Columns);
        image.SetDimension(1, (uint)m.Rows);
        image.SetPixelFormat(new gdcm.PixelFormat((ushort)m.SamplesPerPixel, (ushort)m.BitsAllocated, (ushort)m.BitsStored, (ushort)m.HighBit, (ushort)(m.IsSigned ? 1 : 0)));
        image.SetPhotometricInterpretation(new gdcm.PhotometricInterpretation(gdcm.PhotometricInterpretation.GetPIType(m.PhotometricInterpretation)));
        if (m.SamplesPerPixel > 1) image.SetPlanarConfiguration((uint)m.PlanarConfiguration);
        image.SetTransferSyntax(new gdcm.TransferSyntax(tsType));

        var bytes = request.Frame.ToArray();
        using var fragment = new gdcm.Fragment();
        fragment.SetByteValue(bytes, new gdcm.VL((uint)bytes.Length));
        using var fragments = gdcm.SequenceOfFragments.New();
        fragments.AddFragment(fragment);
        using var pixelData = new gdcm.DataElement(new gdcm.Tag(0x7FE0, 0x0010));
        pixelData.SetVR(new gdcm.VR(gdcm.VR.VRType.OB));
        pixelData.SetValue(fragments.__ref__());
        image.SetDataElement(pixelData);

        // Bitmap.GetBuffer runs the codec and, like the ImageReader path pydicom uses, updates the photometric
        // interpretation and planar configuration to what the codec returned. (No ImageChangeTransferSyntax: the
        // filter holds a reference-counted pointer to the C#-owned image, and disposing both frees it twice.)
        var buffer = new byte[image.GetBufferLength()];
        if (!image.GetBuffer(buffer)) throw new InvalidDataException("GDCM could not decompress the frame");
        var photometric = image.GetPhotometricInterpretation().GetString()?.Trim() ?? m.PhotometricInterpretation;
        var planar = m.SamplesPerPixel > 1 ? (int)image.GetPlanarConfiguration() : 0;
        return (new DecodedFrame(buffer, photometric, planar), image.GetPixelFormat().GetBitsAllocated());
    }
}
#endif

using System.Buffers.Binary;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>
/// One synthetic image and its Image Pixel module: stored values as little-endian bytes plus the attributes
/// a reader needs to interpret them (bits, sign, photometric interpretation, rescale, window).
/// </summary>
public sealed record DemoFrame(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    string Photometric,
    int BitsAllocated,
    int BitsStored,
    bool Signed,
    byte[] PixelData)
{
    public double? RescaleIntercept { get; init; }
    public double? RescaleSlope { get; init; }
    public double? WindowCenter { get; init; }
    public double? WindowWidth { get; init; }

    /// <summary>IDENTITY or INVERSE for projection radiography; null to omit.</summary>
    public string? PresentationLutShape { get; init; }

    /// <summary>Signed 16-bit stored values (e.g. CT with a −1024 intercept).</summary>
    public static DemoFrame FromInt16(int rows, int columns, short[] values, int bitsStored = 16)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return new DemoFrame(rows, columns, 1, "MONOCHROME2", 16, bitsStored, true, bytes);
    }

    /// <summary>Unsigned 16-bit stored values, of which the low <paramref name="bitsStored"/> bits are used.</summary>
    public static DemoFrame FromUInt16(int rows, int columns, ushort[] values, int bitsStored, string photometric = "MONOCHROME2")
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return new DemoFrame(rows, columns, 1, photometric, 16, bitsStored, false, bytes);
    }

    /// <summary>8-bit greyscale (one sample) or RGB (three samples, colour-by-pixel).</summary>
    public static DemoFrame FromBytes(int rows, int columns, byte[] values, int samples) =>
        new(rows, columns, samples, samples == 3 ? "RGB" : "MONOCHROME2", 8, 8, false, values);

    /// <summary>Writes the Image Pixel module (and rescale/VOI/presentation attributes) into <paramref name="dataset"/>.</summary>
    public void WriteTo(DicomDataset dataset)
    {
        dataset.AddUInt16(DicomTags.SamplesPerPixel, (ushort)SamplesPerPixel);
        dataset.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, Photometric);
        if (SamplesPerPixel == 3) dataset.AddUInt16(DicomTags.PlanarConfiguration, 0);
        dataset.AddUInt16(DicomTags.Rows, (ushort)Rows);
        dataset.AddUInt16(DicomTags.Columns, (ushort)Columns);
        dataset.AddUInt16(DicomTags.BitsAllocated, (ushort)BitsAllocated);
        dataset.AddUInt16(DicomTags.BitsStored, (ushort)BitsStored);
        dataset.AddUInt16(DicomTags.HighBit, (ushort)(BitsStored - 1));
        dataset.AddUInt16(DicomTags.PixelRepresentation, (ushort)(Signed ? 1 : 0));
        if (WindowCenter is { } wc && WindowWidth is { } ww)
        {
            dataset.AddDecimals(DicomTags.WindowCenter, wc);
            dataset.AddDecimals(DicomTags.WindowWidth, ww);
        }
        if (RescaleIntercept is { } ri) dataset.AddDecimals(DicomTags.RescaleIntercept, ri);
        if (RescaleSlope is { } rs) dataset.AddDecimals(DicomTags.RescaleSlope, rs);
        if (PresentationLutShape is { } shape) dataset.AddString(DicomTags.PresentationLUTShape, DicomVR.CS, shape);
        dataset.AddBytes(DicomTags.PixelData, BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, PixelData);
    }
}

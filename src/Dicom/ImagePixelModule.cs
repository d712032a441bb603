using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>The Image Pixel module attributes (PS3.3 C.7.6.3) that describe how pixel data is laid out, validated.</summary>
public sealed record ImagePixelModule(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    string PhotometricInterpretation,
    int PlanarConfiguration,
    int NumberOfFrames)
{
    /// <summary>Pixels in one frame.</summary>
    public long PixelsPerFrame => (long)Rows * Columns;

    /// <summary>Bytes of one native frame (bit-packed for BitsAllocated 1).</summary>
    public long FrameBytes => BitsAllocated == 1
        ? (PixelsPerFrame * SamplesPerPixel + 7) / 8
        : PixelsPerFrame * (IsYbr422 ? 2 : SamplesPerPixel) * (BitsAllocated / 8);

    /// <summary>True for YBR_FULL_422, whose native form stores Y1 Y2 Cb Cr per two pixels.</summary>
    public bool IsYbr422 => PhotometricInterpretation == "YBR_FULL_422" && SamplesPerPixel == 3;

    /// <summary>
    /// The photometric interpretation when it is one of PS3.3 C.7.6.3.1.2's defined terms, else "(not a defined term)":
    /// the tag is a string from the file, and only a defined term may appear in a message.
    /// </summary>
    public string DefinedPhotometricInterpretation => PhotometricInterpretation is "MONOCHROME1" or "MONOCHROME2" or "PALETTE COLOR"
        or "RGB" or "HSV" or "ARGB" or "CMYK" or "YBR_FULL" or "YBR_FULL_422" or "YBR_PARTIAL_422" or "YBR_PARTIAL_420" or "YBR_ICT" or "YBR_RCT"
        ? PhotometricInterpretation : "(not a defined term)";

    /// <summary>True for MONOCHROME1 and MONOCHROME2.</summary>
    public bool IsMonochrome => PhotometricInterpretation is "MONOCHROME1" or "MONOCHROME2";

    /// <summary>
    /// Reads and validates the module; throws <see cref="DicomFormatException"/> naming the bad attribute, or the decode
    /// budget (<see cref="DicomReaderOptions.MaxDecodedMegapixels"/>) when one frame declares more samples than it allows.
    /// </summary>
    public static ImagePixelModule From(DicomDataset ds, DicomReaderOptions? options = null)
    {
        options ??= DicomReaderOptions.Default;
        var rows = Required(ds, DicomTags.Rows, "Rows");
        var cols = Required(ds, DicomTags.Columns, "Columns");
        var bitsAllocated = Required(ds, DicomTags.BitsAllocated, "BitsAllocated");
        var samples = ds.GetInt(DicomTags.SamplesPerPixel) ?? 1;
        var bitsStored = ds.GetInt(DicomTags.BitsStored) ?? bitsAllocated;
        var highBit = ds.GetInt(DicomTags.HighBit) ?? bitsStored - 1;
        var pixelRep = ds.GetInt(DicomTags.PixelRepresentation) ?? 0;
        var photometric = ds.GetString(DicomTags.PhotometricInterpretation) ?? (samples == 3 ? "RGB" : "MONOCHROME2");
        var planar = ds.GetInt(DicomTags.PlanarConfiguration) ?? 0;
        var frames = ds.GetInt(DicomTags.NumberOfFrames) ?? 1;
        if (frames == 0) frames = 1;

        if (rows is < 1 or > 65535 || cols is < 1 or > 65535) throw new DicomFormatException($"invalid image size {rows}x{cols} (Rows, Columns)");
        if (bitsAllocated is not (1 or 8 or 16 or 32)) throw new DicomFormatException($"unsupported BitsAllocated {bitsAllocated}");
        if (samples is not (1 or 3)) throw new DicomFormatException($"unsupported SamplesPerPixel {samples}");
        if (bitsStored < 1 || bitsStored > bitsAllocated) throw new DicomFormatException($"invalid BitsStored {bitsStored} for BitsAllocated {bitsAllocated}");
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) throw new DicomFormatException($"invalid HighBit {highBit} for BitsStored {bitsStored}");
        if (pixelRep is not (0 or 1)) throw new DicomFormatException($"invalid PixelRepresentation {pixelRep}");
        if (frames < 1) throw new DicomFormatException($"invalid NumberOfFrames {frames}");
        var module = new ImagePixelModule(rows, cols, samples, bitsAllocated, bitsStored, highBit, pixelRep == 1, photometric, planar == 1 ? 1 : 0, frames);
        var megapixels = module.PixelsPerFrame * samples / 1e6;
        if (megapixels > options.MaxDecodedMegapixels)
            throw new DicomFormatException(string.Create(CultureInfo.InvariantCulture,
                $"image of {rows}x{cols}x{samples} samples ({megapixels:0.#} megapixels) exceeds the decode budget of {options.MaxDecodedMegapixels} megapixels"));
        return module;
    }

    private static int Required(DicomDataset ds, DicomTag tag, string name) =>
        ds.GetInt(tag) ?? throw new DicomFormatException($"missing or invalid {name} {tag}");
}

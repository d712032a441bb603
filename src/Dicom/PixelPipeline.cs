namespace RadiologyNet.Dicom;

/// <summary>Turns a frame of pixel data into a displayable <see cref="FloatImage"/>: modality LUT, VOI window, inversion.</summary>
public static class PixelPipeline
{
    /// <summary>Renders frame <paramref name="frameIndex"/> (null = middle frame) of the dataset, read with the given transfer syntax.</summary>
    /// <remarks>
    /// Greyscale: the Modality LUT (Modality LUT Sequence, else rescale), then the VOI: the file's first window with its
    /// VOI LUT Function (LINEAR, LINEAR_EXACT, SIGMOID), else the VOI LUT Sequence's first table, else
    /// <see cref="AutoWindow"/> (0.5–99.5 percentile of the frame); MONOCHROME1 or Presentation LUT Shape INVERSE inverts
    /// so that bright always means dense. PALETTE COLOR through its (possibly segmented) LUTs. RGB, YBR_FULL(_422),
    /// YBR_ICT and YBR_RCT: converted to RGB (<see cref="YbrConversion"/>), then samples / (2^BitsStored − 1).
    /// Throws <see cref="DicomFormatException"/> (or <see cref="UnsupportedTransferSyntaxException"/>) only.
    /// </remarks>
    public static FloatImage Render(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null) =>
        Guard(() => RenderCore(dataset, transferSyntaxUid, frameIndex));

    /// <summary>Frame values after the Modality LUT (e.g. Hounsfield units for CT); colour frames are returned as stored.</summary>
    public static PixelValues ModalityValues(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null) =>
        Guard(() =>
        {
            var (m, values) = Stored(dataset, transferSyntaxUid, frameIndex, applyBitsStored: true);
            if (m.SamplesPerPixel == 1) ModalityLut.From(dataset).Apply(values.Values);
            return values;
        });

    /// <summary>
    /// Stored sample values of a frame. With <paramref name="applyBitsStored"/> false the whole container value is
    /// returned (as numpy/pydicom report it); with true, BitsStored/HighBit masking and sign extension are applied.
    /// </summary>
    public static PixelValues StoredValues(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null, bool applyBitsStored = true) =>
        Guard(() => Stored(dataset, transferSyntaxUid, frameIndex, applyBitsStored).Values);

    private static (ImagePixelModule Module, PixelValues Values) Stored(DicomDataset ds, string ts, int? frameIndex, bool applyBitsStored)
    {
        var declared = ImagePixelModule.From(ds);
        var frame = frameIndex ?? declared.NumberOfFrames / 2;
        // The module as decoded: a codec may change photometric interpretation and planar configuration.
        var (bytes, m) = PixelDataFrames.GetFrame(ds, ts, declared, frame);
        var values = Dicom.StoredValues.Extract(bytes.Span, m.PlanarConfiguration, m, applyBitsStored);
        return (m, new PixelValues(m.Columns, m.Rows, m.SamplesPerPixel, values));
    }

    /// <summary>
    /// <see cref="Render"/> and <see cref="StoredValues"/> (with BitsStored applied) of the same frame from one decode,
    /// for callers that need both (e.g. the drop rules, which judge stored values).
    /// </summary>
    public static (FloatImage Image, PixelValues Stored) RenderWithStoredValues(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null) =>
        Guard(() =>
        {
            var (m, stored) = Stored(dataset, transferSyntaxUid, frameIndex, applyBitsStored: true);
            var copy = new PixelValues(stored.Width, stored.Height, stored.Channels, (double[])stored.Values.Clone());
            return (RenderFrom(dataset, m, stored), copy);
        });

    private static FloatImage RenderCore(DicomDataset ds, string ts, int? frameIndex)
    {
        var (m, stored) = Stored(ds, ts, frameIndex, applyBitsStored: true);
        return RenderFrom(ds, m, stored);
    }

    /// <summary>Renders decoded stored values; overwrites <paramref name="stored"/>'s values with modality values.</summary>
    private static FloatImage RenderFrom(DicomDataset ds, ImagePixelModule m, PixelValues stored)
    {
        var values = stored.Values;
        var output = new float[values.Length];
        if (m.SamplesPerPixel == 1 && m.PhotometricInterpretation == "PALETTE COLOR")
            return new FloatImage(m.Columns, m.Rows, 3, PaletteColor.Apply(ds, values));
        if (m.SamplesPerPixel == 1)
        {
            if (!m.IsMonochrome)
                throw new DicomFormatException($"photometric interpretation {m.PhotometricInterpretation} is not supported for rendering yet");
            ModalityLut.From(ds).Apply(values);
            var window = VoiWindow.From(ds);
            var lut = window is null ? VoiLut.From(ds) : null;
            if (window is null && lut is null) window = AutoWindow.From(values); // null for a flat frame, which stays 0
            if (lut is not null)
                for (var i = 0; i < values.Length; i++) output[i] = VoiLut.Map(lut, values[i]);
            else if (window is { } w)
                for (var i = 0; i < values.Length; i++) output[i] = w.Map(values[i]);
            var invert = m.PhotometricInterpretation == "MONOCHROME1"
                || string.Equals(ds.GetString(DicomTags.PresentationLUTShape), "INVERSE", StringComparison.Ordinal);
            if (invert)
                for (var i = 0; i < output.Length; i++) output[i] = 1f - output[i];
            return new FloatImage(m.Columns, m.Rows, 1, output);
        }
        var max = Math.Pow(2, m.BitsStored) - 1;
        switch (m.PhotometricInterpretation)
        {
            case "RGB":
                for (var i = 0; i < values.Length; i++) output[i] = (float)Math.Clamp(values[i] / max, 0, 1);
                break;
            case "YBR_FULL" or "YBR_FULL_422" or "YBR_ICT":
                var half = (max + 1) / 2;
                for (var i = 0; i < values.Length; i += 3)
                {
                    var (r, g, b) = YbrConversion.IctToRgb(values[i], values[i + 1], values[i + 2], half);
                    output[i] = (float)Math.Clamp(r / max, 0, 1);
                    output[i + 1] = (float)Math.Clamp(g / max, 0, 1);
                    output[i + 2] = (float)Math.Clamp(b / max, 0, 1);
                }
                break;
            case "YBR_RCT":
                var halfInt = 1 << (m.BitsStored - 1);
                for (var i = 0; i < values.Length; i += 3)
                {
                    var (r, g, b) = YbrConversion.RctToRgb((int)values[i], (int)values[i + 1], (int)values[i + 2], halfInt);
                    output[i] = (float)Math.Clamp(r / max, 0, 1);
                    output[i + 1] = (float)Math.Clamp(g / max, 0, 1);
                    output[i + 2] = (float)Math.Clamp(b / max, 0, 1);
                }
                break;
            default:
                throw new DicomFormatException($"photometric interpretation {m.PhotometricInterpretation} is not supported for rendering yet");
        }
        return new FloatImage(m.Columns, m.Rows, 3, output);
    }

    private static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (DicomFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DicomFormatException($"cannot decode pixel data ({e.GetType().Name}: {e.Message})", e);
        }
    }
}

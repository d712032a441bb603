namespace RadiologyNet.Dicom;

/// <summary>Turns a frame of pixel data into a displayable <see cref="FloatImage"/>: modality LUT, VOI window, inversion.</summary>
public static class PixelPipeline
{
    /// <summary>Renders frame <paramref name="frameIndex"/> (null = middle frame) of the dataset, read with the given transfer syntax.</summary>
    /// <remarks>
    /// Greyscale: rescale, then the file's first window (linear) or else the frame's min..max; MONOCHROME1 or
    /// Presentation LUT Shape INVERSE inverts so that bright always means dense. RGB/YBR_FULL: samples / (2^BitsStored − 1).
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

    private static FloatImage RenderCore(DicomDataset ds, string ts, int? frameIndex)
    {
        var (m, stored) = Stored(ds, ts, frameIndex, applyBitsStored: true);
        var values = stored.Values;
        var output = new float[values.Length];
        if (m.SamplesPerPixel == 1 && m.PhotometricInterpretation == "PALETTE COLOR")
            return new FloatImage(m.Columns, m.Rows, 3, PaletteColor.Apply(ds, values));
        if (m.SamplesPerPixel == 1)
        {
            if (!m.IsMonochrome)
                throw new DicomFormatException($"photometric interpretation {m.PhotometricInterpretation} is not supported for rendering yet");
            ModalityLut.From(ds).Apply(values);
            if (VoiWindow.From(ds) is { } window)
                for (var i = 0; i < values.Length; i++) output[i] = window.Map(values[i]);
            else
                VoiWindow.MinMax(values, output);
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
            case "YBR_FULL" or "YBR_FULL_422":
                var half = (max + 1) / 2;
                for (var i = 0; i < values.Length; i += 3)
                {
                    double y = values[i], cb = values[i + 1] - half, cr = values[i + 2] - half;
                    output[i] = (float)Math.Clamp((y + 1.402 * cr) / max, 0, 1);
                    output[i + 1] = (float)Math.Clamp((y - 0.344136 * cb - 0.714136 * cr) / max, 0, 1);
                    output[i + 2] = (float)Math.Clamp((y + 1.772 * cb) / max, 0, 1);
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

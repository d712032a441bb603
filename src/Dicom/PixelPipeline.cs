namespace RadiologyNet.Dicom;

/// <summary>Turns a frame of pixel data into a displayable <see cref="FloatImage"/>: modality LUT, VOI window, inversion.</summary>
/// <remarks>
/// Every entry point checks the declared geometry against the decode budget
/// (<see cref="DicomReaderOptions.MaxDecodedMegapixels"/>) before anything is decoded. Rendering reads the stored
/// samples straight from the decoded frame (1, 2 or 4 bytes each, as stored) and computes modality values on demand,
/// in double precision as before: the only frame-sized allocations are the decoded frame (none for native data) and
/// the rendered floats.
/// </remarks>
public static class PixelPipeline
{
    /// <summary>Renders frame <paramref name="frameIndex"/> (null = middle frame) of the dataset, read with the given transfer syntax.</summary>
    /// <remarks>
    /// Greyscale: the Modality LUT (Modality LUT Sequence, else rescale), then the VOI: the file's first window with its
    /// VOI LUT Function (LINEAR, LINEAR_EXACT, SIGMOID), else the VOI LUT Sequence's first table, else
    /// <see cref="AutoWindow"/> (0.5–99.5 percentile of the frame); MONOCHROME1 or Presentation LUT Shape INVERSE inverts
    /// so that bright always means dense. PALETTE COLOR through its (possibly segmented) LUTs. RGB, YBR_FULL(_422),
    /// YBR_ICT and YBR_RCT: converted to RGB (<see cref="YbrConversion"/>), then samples / (2^BitsStored − 1).
    /// Throws <see cref="DicomFormatException"/> (or <see cref="UnsupportedTransferSyntaxException"/>) only; running out
    /// of memory is one too (<see cref="DecodeMemory"/>).
    /// </remarks>
    public static FloatImage Render(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null, DicomReaderOptions? options = null) =>
        Guard(() =>
        {
            var (m, frame) = Frame(dataset, transferSyntaxUid, frameIndex, options);
            return RenderFrom(dataset, m, new StoredSamples(frame.Span, new SampleReader(m, applyBitsStored: true)));
        });

    /// <summary>Frame values after the Modality LUT (e.g. Hounsfield units for CT); colour frames are returned as stored.</summary>
    public static PixelValues ModalityValues(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null, DicomReaderOptions? options = null) =>
        Guard(() =>
        {
            var values = Stored(dataset, transferSyntaxUid, frameIndex, applyBitsStored: true, options);
            if (values.Channels == 1) ModalityLut.From(dataset).Apply(values.Values);
            return values;
        });

    /// <summary>
    /// Stored sample values of a frame. With <paramref name="applyBitsStored"/> false the whole container value is
    /// returned (as numpy/pydicom report it); with true, BitsStored/HighBit masking and sign extension are applied.
    /// </summary>
    public static PixelValues StoredValues(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null, bool applyBitsStored = true,
        DicomReaderOptions? options = null) =>
        Guard(() => Stored(dataset, transferSyntaxUid, frameIndex, applyBitsStored, options));

    /// <summary>
    /// <see cref="Render"/> and the range of the stored values (BitsStored applied) of the same frame from one decode,
    /// for callers that judge stored values (e.g. the drop rules).
    /// </summary>
    public static (FloatImage Image, double StoredMin, double StoredMax) RenderWithStoredRange(DicomDataset dataset, string transferSyntaxUid,
        int? frameIndex = null, DicomReaderOptions? options = null) =>
        Guard(() =>
        {
            var (m, frame) = Frame(dataset, transferSyntaxUid, frameIndex, options);
            var stored = new StoredSamples(frame.Span, new SampleReader(m, applyBitsStored: true));
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < stored.Length; i++)
            {
                var v = stored[i];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            return (RenderFrom(dataset, m, stored), min, max);
        });

    /// <summary>The frame's bytes in native layout and the module that describes them (a codec may change it), within the decode budget.</summary>
    private static (ImagePixelModule Module, ReadOnlyMemory<byte> Frame) Frame(DicomDataset ds, string ts, int? frameIndex, DicomReaderOptions? options)
    {
        var declared = ImagePixelModule.From(ds, options);
        var (bytes, m) = PixelDataFrames.GetFrame(ds, ts, declared, frameIndex ?? declared.NumberOfFrames / 2);
        return (m, bytes);
    }

    private static PixelValues Stored(DicomDataset ds, string ts, int? frameIndex, bool applyBitsStored, DicomReaderOptions? options)
    {
        var (m, frame) = Frame(ds, ts, frameIndex, options);
        return new PixelValues(m.Columns, m.Rows, m.SamplesPerPixel, new SampleReader(m, applyBitsStored).ToArray(frame.Span));
    }

    private static FloatImage RenderFrom(DicomDataset ds, ImagePixelModule m, StoredSamples stored)
    {
        if (m.SamplesPerPixel == 1 && m.PhotometricInterpretation == "PALETTE COLOR")
            return new FloatImage(m.Columns, m.Rows, 3, PaletteColor.Apply(ds, stored));
        var output = new float[stored.Length];
        if (m.SamplesPerPixel == 1)
        {
            if (!m.IsMonochrome)
                throw new DicomFormatException($"photometric interpretation {m.DefinedPhotometricInterpretation} is not supported for rendering yet");
            var values = new ModalitySamples(stored, ModalityLut.From(ds));
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
                for (var i = 0; i < stored.Length; i++) output[i] = (float)Math.Clamp(stored[i] / max, 0, 1);
                break;
            case "YBR_FULL" or "YBR_FULL_422" or "YBR_ICT":
                var half = (max + 1) / 2;
                for (var i = 0; i < stored.Length; i += 3)
                {
                    var (r, g, b) = YbrConversion.IctToRgb(stored[i], stored[i + 1], stored[i + 2], half);
                    output[i] = (float)Math.Clamp(r / max, 0, 1);
                    output[i + 1] = (float)Math.Clamp(g / max, 0, 1);
                    output[i + 2] = (float)Math.Clamp(b / max, 0, 1);
                }
                break;
            case "YBR_RCT":
                var halfInt = 1 << (m.BitsStored - 1);
                for (var i = 0; i < stored.Length; i += 3)
                {
                    var (r, g, b) = YbrConversion.RctToRgb((int)stored[i], (int)stored[i + 1], (int)stored[i + 2], halfInt);
                    output[i] = (float)Math.Clamp(r / max, 0, 1);
                    output[i + 1] = (float)Math.Clamp(g / max, 0, 1);
                    output[i + 2] = (float)Math.Clamp(b / max, 0, 1);
                }
                break;
            default:
                throw new DicomFormatException($"photometric interpretation {m.DefinedPhotometricInterpretation} is not supported for rendering yet");
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
        catch (OutOfMemoryException e)
        {
            throw DecodeMemory.Exhausted(e);
        }
        catch (Exception e)
        {
            throw new DicomFormatException($"cannot decode pixel data ({e.GetType().Name}: {e.Message})", e);
        }
    }
}

using RadiologyNet.Dicom;

namespace RadiologyNet.DicomFuzz;

/// <summary>What one input did: nothing wrong, or a contract violation with a signature that identifies the bug.</summary>
internal readonly record struct Outcome(bool Parsed, bool Decoded, string? Finding)
{
    public static Outcome Ok(bool parsed, bool decoded) => new(parsed, decoded, null);
}

/// <summary>
/// The contract under test. <see cref="DicomReader"/> on any bytes returns a dataset or throws
/// <see cref="DicomFormatException"/> raised by the reader itself (a DicomFormatException wrapping another exception
/// is the reader's safety net catching a bug, so it is a finding too); the same for the pixel pipeline on whatever
/// parses, managed codecs only (native, RLE, deflated), and for the dump, the DICOM JSON model and SR text extraction. Allocation per step must stay within a budget proportional to
/// the input and the declared frame size.
/// </summary>
internal static class Target
{
    /// <summary>Options with limits small enough that a budget violation is a bug, not a configured limit.</summary>
    public static readonly DicomReaderOptions Options = new() { MaxInflatedBytes = 64 << 20, MaxDecodedMegapixels = 16 };

    private static readonly DicomReaderOptions HeaderOnly = Options with { StopBeforePixelData = true };

    private static readonly HashSet<string> Managed =
    [
        TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian,
        TransferSyntax.DeflatedExplicitVRLittleEndian, TransferSyntax.RLELossless,
    ];

    /// <summary>Runs every step on <paramref name="input"/> and reports the first violation.</summary>
    public static Outcome Run(byte[] input)
    {
        var budget = 16L * input.Length + (4 << 20);
        if (Step("header", budget, () => DicomReader.Read(input, HeaderOnly)) is { } f1) return new(false, false, f1);
        DicomFile? file = null;
        if (Step("read", budget + 4L * Options.MaxInflatedBytes, () => file = DicomReader.Read(input, Options)) is { } f2) return new(false, false, f2);
        if (file is null) return Outcome.Ok(false, false);
        var ds = file.Dataset;
        var parsedFile = file;
        // What radnet dump, dump --json and the report source do with a file that parsed.
        if (Step("dump", budget + 64L * input.Length, () => DicomDumper.Dump(parsedFile)) is { } f5) return new(true, false, f5);
        if (Step("json", budget + 64L * input.Length, () => new DicomJsonWriter().Serialize(parsedFile)) is { } f6) return new(true, false, f6);
        if (Step("sr-text", budget + 64L * input.Length, () => RadiologyNet.Dicom.StructuredReports.SrTextExtractor.Extract(ds)) is { } f7) return new(true, false, f7);
        if (!ds.Contains(DicomTags.PixelData) || !Managed.Contains(file.TransferSyntaxUid)) return Outcome.Ok(true, false);
        long frameBytes = 0;
        if (Step("pixel-module", budget, () =>
            {
                try { frameBytes = ImagePixelModule.From(ds, Options).FrameBytes; } catch (DicomFormatException) { }
            }) is { } f8) return new(true, false, f8);
        var pixelBudget = 64 * frameBytes + budget;
        var ts = file.TransferSyntaxUid;
        var decoded = false;
        if (Step("render", pixelBudget, () => { PixelPipeline.Render(ds, ts); decoded = true; }) is { } f3) return new(true, decoded, f3);
        if (Step("stored-frame0", pixelBudget, () => PixelPipeline.StoredValues(ds, ts, 0, applyBitsStored: false)) is { } f4) return new(true, decoded, f4);
        return Outcome.Ok(true, decoded);
    }

    /// <summary>Null when the step returned or threw a clean DicomFormatException within its allocation budget.</summary>
    private static string? Step(string name, long budget, Action body)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            body();
        }
        catch (DicomFormatException e) when (e.InnerException is null or DicomFormatException or System.IO.InvalidDataException)
        {
        }
        catch (DicomFormatException e)
        {
            return $"{name}: safety net caught {Describe(e.InnerException!)}";
        }
        catch (Exception e)
        {
            return $"{name}: {Describe(e)}";
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > budget ? $"{name}: allocation over budget — {allocated} bytes, budget {budget}" : null;
    }

    /// <summary>Exception type and the innermost frame of ours, which identify a bug independently of the input.</summary>
    private static string Describe(Exception e)
    {
        var frame = new System.Diagnostics.StackTrace(e, false).GetFrames()
            .Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("RadiologyNet", StringComparison.Ordinal) == true);
        return $"{e.GetType().Name} in {frame?.DeclaringType?.Name}.{frame?.Name}";
    }
}

namespace RadiologyNet.Dicom;

/// <summary>Limits the reader and pixel pipeline enforce on untrusted input.</summary>
public sealed record DicomReaderOptions
{
    /// <summary>The defaults used when no options are given.</summary>
    public static DicomReaderOptions Default { get; } = new();

    /// <summary>Maximum sequence nesting depth (a top-level sequence's items are depth 1).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Maximum number of data elements in one file, all nesting levels together.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>Maximum size of an inflated Deflated Explicit VR Little Endian dataset.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Reject any length that runs past the data instead of keeping the bytes that are there. By default the reader
    /// is lenient the way pydicom is: a value, item or fragment cut short by the end of its enclosing data keeps what
    /// is present (never more), a missing delimiter at the end is tolerated, and each such repair is recorded in
    /// <see cref="DicomFile.Warnings"/>.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Reject a file with an Integer String value that has a fraction (e.g. 28.8), as pydicom does. Default true.</summary>
    public bool RejectFractionalIntegerStrings { get; init; } = true;

    /// <summary>Maximum Rows × Columns × Samples × bytes of one decoded frame.</summary>
    public long MaxFrameBytes { get; init; } = 1L << 30;

    /// <summary>Stop at the top-level (Float/Double Float) Pixel Data element, as pydicom's stop_before_pixels: header-only reads.</summary>
    public bool StopBeforePixelData { get; init; }
}

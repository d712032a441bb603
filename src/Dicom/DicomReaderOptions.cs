namespace RadiologyNet.Dicom;

/// <summary>Limits the reader and pixel pipeline enforce on untrusted input.</summary>
public sealed record DicomReaderOptions
{
    private readonly long? _maxInflatedBytes;

    /// <summary>The defaults used when no options are given.</summary>
    public static DicomReaderOptions Default { get; } = new();

    /// <summary>Maximum sequence nesting depth (a top-level sequence's items are depth 1).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Maximum number of data elements in one file, all nesting levels together.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>
    /// The decode budget: at most this many million samples (Rows × Columns × SamplesPerPixel of the frames decoded at
    /// once; the pipeline decodes one frame) are decoded from one file. Checked from the declared geometry before
    /// anything is allocated. Default 40: the largest common radiographs and mammograms are under 30 megapixels
    /// (e.g. 4728 × 5928), while one 40-megapixel frame costs the pipeline about 240 MB (16-bit samples plus the
    /// rendered floats).
    /// </summary>
    public double MaxDecodedMegapixels { get; init; } = 40;

    /// <summary>
    /// Maximum size of an inflated Deflated Explicit VR Little Endian dataset. Unless set, sized from the decode
    /// budget: <see cref="MaxDecodedMegapixels"/> samples of 32 bits plus <see cref="MaxHeaderBytes"/> for the other
    /// elements (176 MB with the defaults).
    /// </summary>
    public long MaxInflatedBytes
    {
        get => _maxInflatedBytes ?? (long)(MaxDecodedMegapixels * 1_000_000) * 4 + MaxHeaderBytes;
        init => _maxInflatedBytes = value;
    }

    /// <summary>
    /// Maximum ratio of inflated to deflated size, checked once a dataset inflates past <see cref="MaxHeaderBytes"/>
    /// (smaller datasets, such as small blank images, may exceed any ratio at no cost). Default 100: deflated DICOM
    /// rarely exceeds 20:1 even for pixel data, while deflate itself reaches 1032:1 on constant input (a deflate bomb).
    /// </summary>
    public double MaxInflationRatio { get; init; } = 100;

    /// <summary>
    /// Header-only reads (<see cref="StopBeforePixelData"/>) of a deflated dataset inflate at most this many bytes
    /// looking for the Pixel Data; a file whose header runs past it is rejected. Default 16 MiB, far above real headers
    /// (even enhanced multi-frame functional groups). Also the size below which <see cref="MaxInflationRatio"/> is not checked.
    /// </summary>
    public long MaxHeaderBytes { get; init; } = 16L << 20;

    /// <summary>
    /// Reject any length that runs past the data instead of keeping the bytes that are there. By default the reader
    /// is lenient the way pydicom is: a value, item or fragment cut short by the end of its enclosing data keeps what
    /// is present (never more), a missing delimiter at the end is tolerated, and each such repair is recorded in
    /// <see cref="DicomFile.Warnings"/>.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Reject a file with an Integer String value that has a fraction (e.g. 28.8), as pydicom does. Default true.</summary>
    public bool RejectFractionalIntegerStrings { get; init; } = true;

    /// <summary>Stop at the top-level (Float/Double Float) Pixel Data element, as pydicom's stop_before_pixels: header-only reads.</summary>
    public bool StopBeforePixelData { get; init; }
}

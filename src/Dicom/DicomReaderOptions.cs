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

    /// <summary>Maximum Rows × Columns × Samples × bytes of one decoded frame.</summary>
    public long MaxFrameBytes { get; init; } = 1L << 30;
}

namespace RadiologyNet.Dicom;

/// <summary>Reads DICOM Part 10 files. Every failure is a <see cref="DicomFormatException"/> saying what is wrong.</summary>
public static class DicomReader
{
    /// <summary>Parses a whole file held in memory.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes) => throw new NotImplementedException();

    /// <summary>Reads and parses a file from disk.</summary>
    public static DicomFile ReadFile(string path) => Read(File.ReadAllBytes(path));
}

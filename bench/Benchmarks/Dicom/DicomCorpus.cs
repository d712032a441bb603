using RadiologyNet.Dicom;

namespace RadiologyNet.Benchmarks.Dicom;

/// <summary>
/// Every file of ../shared/data/dicom (RADNET_SHARED overrides ../shared), sorted by path, without .json/.md/.csv:
/// the file list the peer scripts walk with --skip-ext .json,.md,.csv. Loaded into memory once (warm, as the peers).
/// </summary>
internal sealed class DicomCorpus
{
    public required string Folder { get; init; }
    public required byte[][] Files { get; init; }

    /// <summary>Full paths of <see cref="Files"/>, in the same order.</summary>
    public required string[] Paths { get; init; }

    /// <summary>Bytes of all files.</summary>
    public long TotalBytes => Files.Sum(f => (long)f.Length);

    public static DicomCorpus Load()
    {
        var shared = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (string.IsNullOrEmpty(shared))
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) { shared = Path.Combine(dir.Parent!.FullName, "shared"); break; }
        var folder = Path.Combine(shared ?? throw new InvalidOperationException("set RADNET_SHARED to the shared folder"), "data", "dicom");
        var paths = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !(p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal) || p.EndsWith(".csv", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        return new DicomCorpus { Folder = folder, Paths = [.. paths], Files = [.. paths.Select(File.ReadAllBytes)] };
    }

    /// <summary>
    /// Bytes before the top-level pixel data (the whole file when there is none): what a header read consumes. For the
    /// Deflated syntax the dataset is counted inflated (the bytes the parser reads), up to the pixel data.
    /// </summary>
    public long HeaderBytes() => Files.Sum(HeaderBytesOf);

    /// <summary>The header bytes of one file (see <see cref="HeaderBytes"/>).</summary>
    public static long HeaderBytesOf(byte[] bytes)
    {
        try
        {
            var file = DicomReader.Read(bytes);
            var pixel = file.Dataset[DicomTags.PixelData];
            var pixelBytes = pixel is null ? 0 : pixel.Fragments is { } f ? f.Sum(x => 8L + x.Length) + 8 : pixel.Value.Length;
            var length = file.TransferSyntaxUid == TransferSyntax.DeflatedExplicitVRLittleEndian ? DeflatedLength(bytes, file) : bytes.Length;
            return length - pixelBytes - (pixel is null ? 0 : 12);
        }
        catch (DicomFormatException)
        {
            return bytes.Length;
        }
    }

    /// <summary>Meta group bytes plus the inflated dataset's length.</summary>
    private static long DeflatedLength(byte[] bytes, DicomFile file)
    {
        var marker = bytes.AsSpan(0, Math.Min(bytes.Length, 132)).IndexOf("DICM"u8);
        var groupLength = file.Meta.GetNumber(new DicomTag(0x0002, 0x0000)) ?? throw new InvalidOperationException("deflated file without meta group length");
        var start = marker + 4 + 12 + (int)groupLength;
        using var inflater = new System.IO.Compression.DeflateStream(new MemoryStream(bytes, start, bytes.Length - start), System.IO.Compression.CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflater.CopyTo(inflated);
        return start + inflated.Length;
    }
}

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
        return new DicomCorpus { Folder = folder, Files = [.. paths.Select(File.ReadAllBytes)] };
    }

    /// <summary>Bytes before the top-level pixel data (the whole file when there is none, or when it is deflated): what a header read consumes.</summary>
    public long HeaderBytes()
    {
        long total = 0;
        foreach (var bytes in Files)
        {
            try
            {
                var file = DicomReader.Read(bytes);
                var ds = file.Dataset;
                var pixel = ds[DicomTags.PixelData];
                if (file.TransferSyntaxUid == TransferSyntax.DeflatedExplicitVRLittleEndian)
                {
                    total += bytes.Length; // all of it is inflated to reach the pixel data
                    continue;
                }
                var pixelBytes = pixel is null ? 0 : pixel.Fragments is { } f ? f.Sum(x => 8L + x.Length) + 8 : pixel.Value.Length;
                total += bytes.Length - pixelBytes - (pixel is null ? 0 : 12);
            }
            catch (DicomFormatException)
            {
                total += bytes.Length;
            }
        }
        return total;
    }
}

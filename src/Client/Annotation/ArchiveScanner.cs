using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Annotation;

/// <summary>
/// Walks an archive folder recursively. Files that look like DICOM (".dcm", no extension, or "DICM" at
/// offset 128) are candidates; each is parsed to learn its UIDs, and one that cannot be parsed, or lacks
/// a well-formed Study, Series or SOP Instance UID (<see cref="UidSyntax"/>), is quarantined with the reason. Other files (CSV, text, JSON…) are not DICOM and are skipped.
/// </summary>
public static class ArchiveScanner
{
    private static readonly HashSet<string> NotDicomExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".csv", ".txt", ".md", ".json", ".xml", ".html", ".png", ".jpg", ".jpeg", ".pdf", ".zip", ".gz", ".npy", ".py", ".r",
    };

    // The scan needs only the UIDs; the pixel data is parsed by the featuriser.
    private static readonly DicomReaderOptions HeaderOnly = DicomReaderOptions.Default with { StopBeforePixelData = true };

    /// <summary>Scans the folder; files come back in ordinal path order so runs repeat.</summary>
    public static IReadOnlyList<ScannedFile> Scan(string folder, out int skipped)
    {
        var root = Path.GetFullPath(folder);
        var result = new List<ScannedFile>();
        skipped = 0;
        foreach (var path in Files(root).Order(StringComparer.Ordinal))
        {
            if (!LooksLikeDicom(path))
            {
                skipped++;
                continue;
            }
            result.Add(Inspect(path, Path.GetRelativePath(root, path)));
        }
        return result;
    }

    /// <summary>Every file under <paramref name="root"/>, enumerated lazily in file-system order (nothing is held but the walk itself).</summary>
    public static IEnumerable<string> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories);

    /// <summary>
    /// Learns a candidate's UIDs from its bytes, already read (the header only is parsed: parsing stops before the pixel
    /// data); a file that cannot be parsed or lacks well-formed UIDs comes back with its quarantine reason.
    /// </summary>
    public static ScannedFile Inspect(string relative, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var dataset = DicomReader.Read(bytes, HeaderOnly).Dataset;
            var study = dataset.GetString(DicomTags.StudyInstanceUID);
            var series = dataset.GetString(DicomTags.SeriesInstanceUID);
            var sop = dataset.GetString(DicomTags.SOPInstanceUID);
            // A malformed UID would become a grain key, a blob name and a CSV cell: refused here, and never kept or echoed.
            if (UidSyntax.InstanceProblem(study, series, sop) is { } problem) return new ScannedFile(relative, null, null, null, problem);
            return new ScannedFile(relative, study, series, sop, null, dataset.GetString(DicomTags.AccessionNumber));
        }
        catch (DicomFormatException e)
        {
            return new ScannedFile(relative, null, null, null, e.Message);
        }
        catch (OutOfMemoryException)
        {
            DecodeMemory.Reclaim();
            return new ScannedFile(relative, null, null, null, DecodeMemory.Reason);
        }
    }

    /// <summary>The quarantine reason of a candidate that could not be read at all.</summary>
    public static ScannedFile Unreadable(string relative, Exception error) => new(relative, null, null, null, $"unreadable file: {error.GetType().Name}");

    /// <summary>True for a DICOM candidate: ".dcm", no extension, or "DICM" at offset 128 (other known extensions are not read).</summary>
    public static bool LooksLikeDicom(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".dcm", StringComparison.OrdinalIgnoreCase) || extension.Length == 0) return true;
        if (NotDicomExtensions.Contains(extension)) return false;
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[132];
            return stream.ReadAtLeast(head, 132, throwOnEndOfStream: false) == 132 && head[128..].SequenceEqual("DICM"u8);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static ScannedFile Inspect(string path, string relative)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(relative, e);
        }
        catch (OutOfMemoryException)
        {
            DecodeMemory.Reclaim();
            return new ScannedFile(relative, null, null, null, DecodeMemory.Reason);
        }
        return Inspect(relative, bytes);
    }
}

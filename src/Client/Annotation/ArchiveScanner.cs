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
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path);
            if (!LooksLikeDicom(path))
            {
                skipped++;
                continue;
            }
            result.Add(Inspect(path, relative));
        }
        return result;
    }

    private static bool LooksLikeDicom(string path)
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
        try
        {
            var dataset = DicomReader.Read(File.ReadAllBytes(path), HeaderOnly).Dataset;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScannedFile(relative, null, null, null, $"unreadable file: {e.GetType().Name}");
        }
        catch (OutOfMemoryException)
        {
            DecodeMemory.Reclaim();
            return new ScannedFile(relative, null, null, null, DecodeMemory.Reason);
        }
    }
}

using System.Text;
using RadiologyNet.Dicom;
using RadiologyNet.Dicom.StructuredReports;

namespace RadiologyNet.Features;

/// <summary>
/// Finds DICOM Structured Report instances under a folder and extracts their report text
/// (<see cref="SrTextExtractor"/>), keyed by StudyInstanceUID, so studies whose report is stored as SR get text features.
/// </summary>
/// <remarks>
/// Every file is a candidate whatever its name; only those whose first <see cref="SniffBytes"/> bytes contain an SR
/// storage SOP class UID are parsed, so a scan reads a few KiB of each image. Unreadable files are skipped (the
/// ingestion path quarantines them). Several SR documents of one study are joined with a blank line, in path order.
/// </remarks>
public static class SrReportIndex
{
    /// <summary>How much of each file is looked at to decide whether to parse it.</summary>
    public const int SniffBytes = 4096;

    private static readonly byte[] SrPrefix = Encoding.ASCII.GetBytes(SrTextExtractor.SopClassPrefix);

    /// <summary>StudyInstanceUID → report text for every readable SR with text under <paramref name="folder"/> (recursive).</summary>
    public static Dictionary<string, string> Scan(string folder)
    {
        var found = new List<(string Path, string Uid, string Text)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var path in Directory.EnumerateFiles(folder, "*", options))
            if (TryRead(path) is { } report) found.Add((path, report.StudyInstanceUid, report.Text));
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, uid, text) in found.OrderBy(f => f.Path, StringComparer.Ordinal))
            index[uid] = index.TryGetValue(uid, out var existing) ? existing + "\n\n" + text : text;
        return index;
    }

    /// <summary>The study and report text of one file, or null when it is not a readable SR with text.</summary>
    public static (string StudyInstanceUid, string Text)? TryRead(string path)
    {
        try
        {
            using (var stream = File.OpenRead(path))
            {
                var head = new byte[SniffBytes];
                var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                if (head.AsSpan(0, n).IndexOf(SrPrefix) < 0) return null;
            }
            var dataset = DicomReader.ReadFile(path).Dataset;
            if (!SrTextExtractor.IsStructuredReport(dataset)) return null;
            var uid = dataset.GetString(DicomTags.StudyInstanceUID);
            var text = SrTextExtractor.Extract(dataset);
            return string.IsNullOrWhiteSpace(uid) || string.IsNullOrWhiteSpace(text) ? null : (uid, text);
        }
        catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

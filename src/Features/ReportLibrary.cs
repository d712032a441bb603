namespace RadiologyNet.Features;

/// <summary>
/// Report texts by StudyInstanceUID, from a CSV with header columns <c>study_uid</c> and/or <c>accession_number</c>
/// and <c>text</c> (any order, other columns ignored, RFC 4180 quoting, multi-line texts in quotes; a row is keyed by
/// whichever of the two it fills — RIS exports often know only the accession number) and/or sidecar files
/// <c>&lt;StudyInstanceUID&gt;.txt</c> anywhere under a folder (indexed lazily, on the first lookup).
/// Optionally also DICOM Structured Reports under a folder (<see cref="SrReportIndex"/>, indexed lazily too).
/// Precedence: CSV, then sidecar, then SR; several CSV rows for one study are joined with a blank line.
/// Sidecars are read as UTF-8 (BOM honoured). Blank texts count as absent. Thread-safe.
/// </summary>
public sealed class ReportLibrary
{
    private readonly Dictionary<string, string> _csv;
    private readonly Dictionary<string, string> _byAccession = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, string>> _sidecars; // uid → path
    private readonly Lazy<Dictionary<string, string>> _structured; // uid → SR text

    private ReportLibrary(Dictionary<string, string> csv, string? folder, string? srFolder = null)
    {
        _csv = csv;
        _sidecars = new Lazy<Dictionary<string, string>>(() => IndexSidecars(folder), LazyThreadSafetyMode.ExecutionAndPublication);
        _structured = new Lazy<Dictionary<string, string>>(
            () => srFolder is null ? new Dictionary<string, string>(StringComparer.Ordinal) : SrReportIndex.Scan(srFolder),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An empty library.</summary>
    public static ReportLibrary Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), null);

    /// <summary>Loads the CSV now (either argument may be null); the sidecar folder is indexed on first use.</summary>
    public static ReportLibrary Load(string? reportsCsvPath, string? sidecarFolder) => Load(reportsCsvPath, sidecarFolder, null);

    /// <summary>
    /// As <see cref="Load(string?, string?)"/>, plus the report text of DICOM SR instances found under
    /// <paramref name="structuredReportFolder"/> (e.g. the archive folder), scanned on first use.
    /// </summary>
    public static ReportLibrary Load(string? reportsCsvPath, string? sidecarFolder, string? structuredReportFolder)
    {
        var csv = new Dictionary<string, string>(StringComparer.Ordinal);
        var accessions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reportsCsvPath is not null)
        {
            using var reader = new StreamReader(reportsCsvPath, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            LoadCsv(reader, csv, accessions, reportsCsvPath);
        }
        if (sidecarFolder is not null && !Directory.Exists(sidecarFolder))
            throw new DirectoryNotFoundException($"report folder not found: {sidecarFolder}");
        if (structuredReportFolder is not null && !Directory.Exists(structuredReportFolder))
            throw new DirectoryNotFoundException($"structured report folder not found: {structuredReportFolder}");
        var library = new ReportLibrary(csv, sidecarFolder, structuredReportFolder);
        foreach (var (accession, text) in accessions) library._byAccession[accession] = text;
        return library;
    }

    /// <summary>Builds a library from CSV text (tests, in-memory sources).</summary>
    public static ReportLibrary FromCsv(TextReader reader)
    {
        var csv = new Dictionary<string, string>(StringComparer.Ordinal);
        var accessions = new Dictionary<string, string>(StringComparer.Ordinal);
        LoadCsv(reader, csv, accessions, "CSV");
        var library = new ReportLibrary(csv, null);
        foreach (var (accession, text) in accessions) library._byAccession[accession] = text;
        return library;
    }

    /// <summary>The report text a CSV row gave for an accession number (0008,0050), or null.</summary>
    public string? FindByAccession(string? accessionNumber) =>
        string.IsNullOrWhiteSpace(accessionNumber) ? null : _byAccession.GetValueOrDefault(accessionNumber.Trim());

    /// <summary>The report of a study: under its StudyInstanceUID, else under its accession number (RIS exports), or null.</summary>
    public string? Find(string studyInstanceUid, string? accessionNumber) => Find(studyInstanceUid) ?? FindByAccession(accessionNumber);

    /// <summary>Number of studies with a report (indexes the sidecar and SR folders if not done yet).</summary>
    public int Count => _csv.Keys.Union(_sidecars.Value.Keys).Union(_structured.Value.Keys).Count();

    /// <summary>The report text of a study, or null.</summary>
    public string? Find(string studyInstanceUid)
    {
        if (string.IsNullOrWhiteSpace(studyInstanceUid)) return null;
        var uid = studyInstanceUid.Trim();
        if (_csv.TryGetValue(uid, out var text)) return text;
        if (_sidecars.Value.TryGetValue(uid, out var path))
        {
            try
            {
                var s = File.ReadAllText(path);
                if (!string.IsNullOrWhiteSpace(s)) return s;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // unreadable sidecar: fall through to the structured report, if any
            }
        }
        return _structured.Value.GetValueOrDefault(uid);
    }

    /// <remarks>Errors name <paramref name="source"/> and the line, never a field: a header-less file's first row is report text.</remarks>
    private static void LoadCsv(TextReader reader, Dictionary<string, string> byStudy, Dictionary<string, string> byAccession, string source)
    {
        int uidColumn = -1, accessionColumn = -1, textColumn = -1;
        var header = true;
        foreach (var (line, record) in Csv.ReadWithLines(reader, source))
        {
            if (header)
            {
                header = false;
                for (var i = 0; i < record.Length; i++)
                {
                    var name = record[i].Trim().TrimStart('\uFEFF');
                    if (name.Equals("study_uid", StringComparison.OrdinalIgnoreCase)) uidColumn = i;
                    else if (name.Equals("accession_number", StringComparison.OrdinalIgnoreCase)) accessionColumn = i;
                    else if (name.Equals("text", StringComparison.OrdinalIgnoreCase)) textColumn = i;
                }
                if ((uidColumn < 0 && accessionColumn < 0) || textColumn < 0)
                    throw new FormatException($"{source}, line {line}: the header must name columns 'study_uid' (or 'accession_number') and 'text'");
                continue;
            }
            if (record.Length <= textColumn) continue; // short record (e.g. a blank trailing field)
            var text = record[textColumn];
            if (string.IsNullOrWhiteSpace(text)) continue;
            var uid = uidColumn >= 0 && uidColumn < record.Length ? record[uidColumn].Trim() : "";
            var accession = accessionColumn >= 0 && accessionColumn < record.Length ? record[accessionColumn].Trim() : "";
            if (uid.Length > 0) Append(byStudy, uid, text);
            else if (accession.Length > 0) Append(byAccession, accession, text);
        }
        if (header) throw new FormatException($"{source}: empty file, a header 'study_uid,text' is required");
    }

    private static void Append(Dictionary<string, string> target, string key, string text) =>
        target[key] = target.TryGetValue(key, out var existing) ? existing + "\n\n" + text : text;

    private static Dictionary<string, string> IndexSidecars(string? folder)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        if (folder is null) return index;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt", options))
        {
            var uid = Path.GetFileNameWithoutExtension(path);
            if (uid.Length > 0) index.TryAdd(uid, path);
        }
        return index;
    }
}

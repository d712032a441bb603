using RadiologyNet.Dicom;

namespace RadiologyNet.Grains.Sources;

/// <summary>
/// How instances and reports are named in the studies container. Names are built only from well-formed UIDs
/// (<see cref="UidSyntax"/>): a UID holding '/' or ".." would otherwise alias another study's blob or report.
/// </summary>
public static class BlobNaming
{
    /// <summary>Blob metadata key that holds the file's SHA-256 (lowercase hex), so re-ingesting uploads nothing twice.</summary>
    public const string HashMetadataKey = "sha256";

    /// <summary>
    /// Blob metadata key that holds the id of the ingest run that uploaded the blob, so a run tells a second file with an
    /// already-used name (a duplicate SOPInstanceUID) from a blob an earlier run stored.
    /// </summary>
    public const string RunMetadataKey = "ingestrun";

    /// <summary>Prefix of report blobs; one <c>reports/&lt;StudyInstanceUID&gt;.txt</c> per study.</summary>
    public const string ReportPrefix = "reports/";

    /// <summary><c>&lt;StudyInstanceUID&gt;/&lt;SeriesInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm</c>; throws <see cref="ArgumentException"/> for a malformed UID.</summary>
    public static string Instance(string study, string series, string sop)
    {
        if (UidSyntax.InstanceProblem(study, series, sop) is { } problem) throw new ArgumentException($"no blob name for an instance with {problem}");
        return $"{study}/{series}/{sop}.dcm";
    }

    /// <summary>The report blob of a study; throws <see cref="ArgumentException"/> for a malformed UID.</summary>
    public static string Report(string study)
    {
        if (UidSyntax.Problem(study) is { } problem) throw new ArgumentException($"no report blob name for a StudyInstanceUID that is {problem}");
        return $"{ReportPrefix}{study}.txt";
    }

    /// <summary>Parses an instance blob name back into its UIDs; false for anything else (reports, strays, malformed UIDs).</summary>
    public static bool TryParseInstance(string name, out InstanceArrived instance)
    {
        instance = null!;
        var parts = name.Split('/');
        if (parts.Length != 3 || !parts[2].EndsWith(".dcm", StringComparison.Ordinal)) return false;
        var sop = parts[2][..^4];
        if (UidSyntax.InstanceProblem(parts[0], parts[1], sop) is not null) return false;
        instance = new InstanceArrived(parts[0], parts[1], sop, name);
        return true;
    }

    /// <summary>Parses a report blob name back into its StudyInstanceUID; false for anything else.</summary>
    public static bool TryParseReport(string name, out string study)
    {
        study = "";
        if (!name.StartsWith(ReportPrefix, StringComparison.Ordinal) || !name.EndsWith(".txt", StringComparison.Ordinal)) return false;
        study = name[ReportPrefix.Length..^4];
        return UidSyntax.IsValid(study);
    }
}

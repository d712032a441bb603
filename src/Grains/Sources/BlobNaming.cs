namespace RadiologyNet.Grains.Sources;

/// <summary>How instances and reports are named in the studies container.</summary>
public static class BlobNaming
{
    /// <summary>Blob metadata key that holds the file's SHA-256 (lowercase hex), so re-ingesting uploads nothing twice.</summary>
    public const string HashMetadataKey = "sha256";

    /// <summary>Prefix of report blobs; one <c>reports/&lt;StudyInstanceUID&gt;.txt</c> per study.</summary>
    public const string ReportPrefix = "reports/";

    /// <summary><c>&lt;StudyInstanceUID&gt;/&lt;SeriesInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm</c>.</summary>
    public static string Instance(string study, string series, string sop) => $"{study}/{series}/{sop}.dcm";

    /// <summary>The report blob of a study.</summary>
    public static string Report(string study) => $"{ReportPrefix}{study}.txt";

    /// <summary>Parses an instance blob name back into its UIDs; false for anything else (reports, strays).</summary>
    public static bool TryParseInstance(string name, out InstanceArrived instance)
    {
        instance = null!;
        var parts = name.Split('/');
        if (parts.Length != 3 || !parts[2].EndsWith(".dcm", StringComparison.Ordinal)) return false;
        var sop = parts[2][..^4];
        if (parts[0].Length == 0 || parts[1].Length == 0 || sop.Length == 0) return false;
        instance = new InstanceArrived(parts[0], parts[1], sop, name);
        return true;
    }

    /// <summary>Parses a report blob name back into its StudyInstanceUID; false for anything else.</summary>
    public static bool TryParseReport(string name, out string study)
    {
        study = "";
        if (!name.StartsWith(ReportPrefix, StringComparison.Ordinal) || !name.EndsWith(".txt", StringComparison.Ordinal)) return false;
        study = name[ReportPrefix.Length..^4];
        return study.Length > 0 && !study.Contains('/');
    }
}

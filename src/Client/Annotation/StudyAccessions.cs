namespace RadiologyNet.Client.Annotation;

/// <summary>Each study's accession number, for reports keyed by it (RIS exports); used for the lookup only, never written.</summary>
public static class StudyAccessions
{
    /// <summary>Each study of <paramref name="files"/> with the first non-empty accession number among its instances, or null.</summary>
    public static IReadOnlyDictionary<string, string?> Of(IEnumerable<ScannedFile> files) =>
        files.Where(f => f.StudyInstanceUid is not null).GroupBy(f => f.StudyInstanceUid!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.AccessionNumber).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a)), StringComparer.Ordinal);
}

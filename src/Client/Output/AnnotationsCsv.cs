using System.Globalization;
using RadiologyNet.Client.Annotation;

namespace RadiologyNet.Client.Output;

/// <summary>annotations.csv: one row per accepted file with its cluster or its quarantine reason.</summary>
public static class AnnotationsCsv
{
    /// <summary>The header, in column order.</summary>
    public const string Header = "sop_instance_uid,series_instance_uid,study_instance_uid,file,cluster,distance,status,reason";

    /// <summary>Writes the rows, with archive paths as <paramref name="paths"/> says.</summary>
    public static void Write(string path, IEnumerable<AnnotationRow> rows, PathMode paths) =>
        CsvWriter.Write(path, Header.Split(','), rows.Select(r => (IReadOnlyList<string>)
        [
            r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, ArchivePaths.Disclose(r.File, paths),
            r.Cluster?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.Distance?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            r.Status, r.Reason,
        ]));
}

using System.Globalization;

namespace RadiologyNet.Client.Annotation;

/// <summary>The silo configuration (Section:Key values) that carries a run's archive folder, reports and fusion settings.</summary>
public static class SiloSettings
{
    /// <summary>The settings of an in-process silo (or featuriser) for this run.</summary>
    public static Dictionary<string, string?> For(AnnotationSettings settings, string folder) => new()
    {
        ["Archive:Folder"] = folder,
        ["Annotation:ModelName"] = settings.ModelName,
        ["Annotation:ReportsCsv"] = settings.ReportsCsv is null ? null : Path.GetFullPath(settings.ReportsCsv),
        ["Annotation:ImageWeight"] = settings.ImageWeight.ToString(CultureInfo.InvariantCulture),
        ["Annotation:MetadataWeight"] = settings.MetadataWeight.ToString(CultureInfo.InvariantCulture),
        ["Annotation:ReportWeight"] = settings.ReportWeight.ToString(CultureInfo.InvariantCulture),
        ["Annotation:MissingSource"] = settings.MissingSource,
        ["Annotation:ProjectDimension"] = settings.ProjectDimension.ToString(CultureInfo.InvariantCulture),
    };
}

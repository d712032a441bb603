namespace RadiologyNet.Client.Annotation;

/// <summary>What one annotation run does: the archive, k, bootstrap size, seed, reports and fusion weights.</summary>
public sealed record AnnotationSettings(
    string Folder,
    int Clusters = 50,
    int BootstrapSize = 1000,
    int Seed = 42,
    string? ReportsCsv = null,
    float ImageWeight = 1,
    float MetadataWeight = 1,
    float ReportWeight = 1,
    string ModelName = "default");

namespace RadiologyNet.Client.Annotation;

/// <summary>
/// What one annotation run does: the archive, k, bootstrap size, seed, reports and fusion weights. With a
/// <c>GatewayPort</c> the run uses a silo already running on this machine, which reads the same folder
/// and has its own report and weight settings.
/// </summary>
public sealed record AnnotationSettings(
    string Folder,
    int Clusters = 50,
    int BootstrapSize = 1000,
    int Seed = 42,
    string? ReportsCsv = null,
    float ImageWeight = 1,
    float MetadataWeight = 1,
    float ReportWeight = 1,
    string ModelName = "default",
    string MissingSource = "Reweight",
    int? GatewayPort = null,
    int ProjectDimension = 0);

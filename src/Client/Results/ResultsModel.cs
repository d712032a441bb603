namespace RadiologyNet.Client.Results;

/// <summary>The model an <see cref="ArchiveResults"/> comes from.</summary>
/// <param name="Name">Model (coordinator grain) name.</param>
/// <param name="Version">Centroid version the labels were assigned with.</param>
/// <param name="Clusters">k.</param>
/// <param name="Metric">Distance the labels use: <c>euclidean</c> (online k-means) or <c>manhattan</c> (after a k-medoids refinement).</param>
/// <param name="Dimension">Fused vector length.</param>
/// <param name="ArchiveFolder">Absolute path of the archive folder on this machine, or null when the files live in blob storage.</param>
/// <param name="ElapsedSeconds">Wall time of the annotation run (0 when collected from a cluster).</param>
/// <param name="LastRefinement">The last k-medoids refinement pass, if any.</param>
/// <param name="ReportsCsv">The reports CSV the run read, if any (report terms are recomputed from it after a refinement).</param>
public sealed record ResultsModel(string Name, int Version, int Clusters, string Metric, int Dimension, string? ArchiveFolder,
    double ElapsedSeconds = 0, RefinementSummary? LastRefinement = null, string? ReportsCsv = null);

/// <summary>A k-medoids refinement pass: the version it produced and its total deviation (sum of Manhattan distances to the medoids).</summary>
public sealed record RefinementSummary(int Version, double TotalDeviation, double Seconds);

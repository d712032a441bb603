namespace RadiologyNet.Client.Review;

/// <summary>What the review report shows and how large.</summary>
public sealed record ReviewReportOptions
{
    /// <summary>Title of the report's pages.</summary>
    public string Title { get; init; } = "RadiologyNet review";

    /// <summary>Thumbnail edge in pixels (square PNGs, aspect preserved, black padding).</summary>
    public int ThumbnailSize { get; init; } = 128;

    /// <summary>Edge of the medoid image on a cluster page.</summary>
    public int MedoidSize { get; init; } = 256;

    /// <summary>Members beside the medoid in an overview card's montage, evenly spread nearest → furthest.</summary>
    public int MontageMembers { get; init; } = 11;

    /// <summary>Members on a cluster page, nearest first.</summary>
    public int ClusterPageMembers { get; init; } = 48;

    /// <summary>Members with the smallest margin to their runner-up cluster shown on a cluster page.</summary>
    public int BorderlineMembers { get; init; } = 12;

    /// <summary>Members shown at evenly spaced distance quantiles on a cluster page.</summary>
    public int SpreadPicks { get; init; } = 8;

    /// <summary>Bins of a cluster page's distance histogram.</summary>
    public int HistogramBins { get; init; } = 16;

    /// <summary>Seed of the map's PCA start vectors.</summary>
    public ulong ProjectionSeed { get; init; } = 20261126;

    /// <summary>
    /// Most points drawn on the map (an even stride through the archive beyond that); the PCA is fitted on the drawn
    /// points. 5,000 keeps the map page under 1 MB and the fit to seconds at ~1,000 dimensions.
    /// </summary>
    public int MaxMapPoints { get; init; } = 5000;

    /// <summary>Most files listed on the quarantine page (the counts by reason are always complete).</summary>
    public int MaxQuarantineRows { get; init; } = 1000;

    /// <summary>How archive paths appear on the pages (the quarantine list, reasons of thumbnails not rendered).</summary>
    public Output.PathMode Paths { get; init; } = Output.PathMode.Relative;

    /// <summary>Thumbnails rendered at once.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>A thumbnail that could not be rendered, and why (shown in its placeholder's title).</summary>
/// <param name="SopInstanceUid">SOPInstanceUID of the instance.</param>
/// <param name="File">Its path inside the archive, as <see cref="ReviewReportOptions.Paths"/> shows it.</param>
/// <param name="Reason">Why, e.g. the decoder's message.</param>
public sealed record ThumbnailFailure(string SopInstanceUid, string File, string Reason);

/// <summary>What <see cref="ReviewReport.Write"/> wrote.</summary>
/// <param name="IndexPath">Absolute path of the overview page, <c>index.html</c>.</param>
/// <param name="Pages">HTML pages written.</param>
/// <param name="ThumbnailsWritten">PNG thumbnails written.</param>
/// <param name="ThumbnailsFailed">Thumbnails replaced by a placeholder.</param>
/// <param name="Failures">The failed thumbnails with their reasons.</param>
public sealed record ReviewReportSummary(string IndexPath, int Pages, int ThumbnailsWritten, int ThumbnailsFailed, IReadOnlyList<ThumbnailFailure> Failures);

namespace RadiologyNet.Grains.Sources;

/// <summary>Where instance bytes live: a folder in embedded mode, a blob container when distributed.</summary>
public interface IArchiveSource
{
    /// <summary>Reads the whole object named by an ingest event's source; throws <see cref="IOException"/> when it cannot.</summary>
    Task<byte[]> ReadAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>The study's report text stored beside the instances, or null when there is none.</summary>
    Task<string?> ReadReportAsync(string studyInstanceUid, CancellationToken cancellationToken = default);
}

namespace RadiologyNet.Grains.Sources;

/// <summary>An archive in a local folder; sources are paths relative to it and may not escape it.</summary>
public sealed class FolderArchiveSource(string root) : IArchiveSource
{
    private readonly string _root = Path.GetFullPath(root);

    /// <summary>The folder's absolute path.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public Task<byte[]> ReadAsync(string source, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(Path.Combine(_root, source));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            throw new IOException($"source '{source}' is outside the archive folder");
        return File.ReadAllBytesAsync(full, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Folder archives keep reports in sidecars and CSVs, which the report library reads.</remarks>
    public Task<string?> ReadReportAsync(string studyInstanceUid, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}

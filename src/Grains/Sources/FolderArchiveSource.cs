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
        // Paths are untrusted and may name patients: refused without being echoed.
        if (!IsInside(full)) throw new IOException("a source outside the archive folder was refused");
        return File.ReadAllBytesAsync(full, cancellationToken);
    }

    /// <summary>Whether an absolute path lies strictly below the root (a sibling such as <c>/data/archive-x</c> of <c>/data/archive</c> does not).</summary>
    private bool IsInside(string full)
    {
        var relative = Path.GetRelativePath(_root, full);
        return relative != "." && !Path.IsPathRooted(relative) && relative != ".." &&
               !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    /// <remarks>Folder archives keep reports in sidecars and CSVs, which the report library reads.</remarks>
    public Task<string?> ReadReportAsync(string studyInstanceUid, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}

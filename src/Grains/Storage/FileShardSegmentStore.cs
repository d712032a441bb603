using System.Text;

namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Segments as files <c>&lt;folder&gt;/&lt;shard&gt;/&lt;index&gt;.arrows</c>, and journals beside them as <c>&lt;index&gt;.journal</c>,
/// on the local disk (embedded mode), so shard vectors
/// live on disk instead of in the process. The shard key becomes a folder name with every character outside
/// <c>[A-Za-z0-9_-]</c> written as <c>%XX</c> (its UTF-8 bytes), so <c>model/3</c> is <c>model%2F3</c>. A write goes to a
/// temporary file in the same folder that is then renamed over the segment, so a reader sees the old or the new segment
/// whole, never part of one; a journal append writes at the file's end. Nothing is flushed to the device (embedded grain state lives in memory and dies with the process
/// anyway).
/// </summary>
public sealed class FileShardSegmentStore(string folder) : IShardSegmentStore
{
    private const int BufferBytes = 1 << 16;

    /// <summary>The folder holding one sub-folder per shard.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <inheritdoc />
    public Task WriteAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default) =>
        ReplaceAsync(PathOf(shard, index), content, cancellationToken);

    private static async Task ReplaceAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenReadAsync(shard, index, cancellationToken);
        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult<Stream>(new FileStream(PathOf(shard, index), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"segment {index} of shard '{shard}' is missing from the segment folder", e);
        }
    }

    /// <inheritdoc />
    public async Task AppendJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
    {
        var path = JournalOf(shard, index);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        var start = journal.Length;
        try
        {
            await journal.WriteAsync(content, cancellationToken);
        }
        catch
        {
            // A failed append leaves nothing behind (disk full, cancelled), so the next append does not follow a torn frame.
            journal.SetLength(start);
            throw;
        }
    }

    /// <inheritdoc />
    public Task WriteJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default) =>
        ReplaceAsync(JournalOf(shard, index), content, cancellationToken);

    /// <inheritdoc />
    public async Task<byte[]> ReadJournalAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        try
        {
            return await File.ReadAllBytesAsync(JournalOf(shard, index), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public Task DeleteJournalAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        File.Delete(JournalOf(shard, index));
        return Task.CompletedTask;
    }

    private string PathOf(string shard, int index) => Path.Combine(Folder, FileName(shard), $"{index:D6}.arrows");

    private string JournalOf(string shard, int index) => Path.Combine(Folder, FileName(shard), $"{index:D6}.journal");

    /// <summary>A file name standing for <paramref name="key"/>: distinct keys give distinct names, and no name is special to a file system.</summary>
    public static string FileName(string key)
    {
        if (key.Length == 0) return "%";
        var name = new StringBuilder(key.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                name.Append(c);
                continue;
            }
            var length = char.IsSurrogatePair(key, i) ? 2 : 1;
            var bytes = Encoding.UTF8.GetBytes(key.AsSpan(i, length), utf8);
            for (var b = 0; b < bytes; b++) name.Append('%').Append(utf8[b].ToString("X2"));
            i += length - 1;
        }
        if (name.Length > 200) throw new ArgumentException($"a key of {key.Length} characters is too long for a file name", nameof(key));
        return name.ToString();
    }
}

using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Segments as block blobs <c>segments/&lt;service&gt;/&lt;shard&gt;/&lt;index&gt;.bin</c>, and journals as append blobs
/// <c>&lt;index&gt;.journal</c> beside them, in the grain-state container (Azure Blob Storage, Azurite locally). The container
/// is created on first use; a journal append is one request, two when it creates the journal.
/// </summary>
public sealed class BlobShardSegmentStore(BlobContainerClient container, string serviceId) : IShardSegmentStore
{
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    /// <inheritdoc />
    public async Task WriteAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        await Blob(shard, index).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Blob(shard, index).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw Missing(shard, index, e);
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Blob(shard, index).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw Missing(shard, index, e);
        }
    }

    /// <inheritdoc />
    public async Task AppendJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
    {
        var journal = Journal(shard, index);
        try
        {
            await journal.AppendBlockAsync(new MemoryStream(content, writable: false), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await _created.Value;
            await journal.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await journal.AppendBlockAsync(new MemoryStream(content, writable: false), cancellationToken: cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task WriteJournalAsync(string shard, int index, byte[] content, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var journal = Journal(shard, index);
        await journal.CreateAsync(cancellationToken: cancellationToken);
        for (var at = 0; at < content.Length; at += IShardSegmentStore.MaxJournalAppendBytes)
        {
            var length = Math.Min(IShardSegmentStore.MaxJournalAppendBytes, content.Length - at);
            await journal.AppendBlockAsync(new MemoryStream(content, at, length, writable: false), cancellationToken: cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadJournalAsync(string shard, int index, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Journal(shard, index).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public Task DeleteJournalAsync(string shard, int index, CancellationToken cancellationToken = default) =>
        Journal(shard, index).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private AppendBlobClient Journal(string shard, int index) => container.GetAppendBlobClient($"segments/{serviceId}/{shard}/{index:D6}.journal");

    private InvalidOperationException Missing(string shard, int index, Exception e) =>
        new($"segment {index} of shard '{shard}' is missing from container '{container.Name}'", e);

    private BlobClient Blob(string shard, int index) => container.GetBlobClient($"segments/{serviceId}/{shard}/{index:D6}.bin");
}

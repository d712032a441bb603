using Azure;
using Azure.Storage.Blobs;

namespace RadiologyNet.Grains.Storage;

/// <summary>
/// Segments as block blobs <c>segments/&lt;service&gt;/&lt;shard&gt;/&lt;index&gt;.bin</c> in the grain-state container
/// (Azure Blob Storage, Azurite locally). The container is created on first use.
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

    private InvalidOperationException Missing(string shard, int index, Exception e) =>
        new($"segment {index} of shard '{shard}' is missing from container '{container.Name}'", e);

    private BlobClient Blob(string shard, int index) => container.GetBlobClient($"segments/{serviceId}/{shard}/{index:D6}.bin");
}

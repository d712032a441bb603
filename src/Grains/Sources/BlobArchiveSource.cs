using Azure;
using Azure.Storage.Blobs;

namespace RadiologyNet.Grains.Sources;

/// <summary>An archive in a blob container (Azure Storage or Azurite); sources are blob names.</summary>
public sealed class BlobArchiveSource(BlobContainerClient container) : IArchiveSource
{
    /// <summary>The container read from.</summary>
    public BlobContainerClient Container => container;

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(string source, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await container.GetBlobClient(source).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new IOException($"blob '{source}' does not exist in container '{container.Name}'", e);
        }
        catch (RequestFailedException e)
        {
            throw new SourceUnavailableException($"blob storage refused the read ({e.Status} {e.ErrorCode}); it will be retried", e);
        }
    }

    /// <inheritdoc />
    public async Task<string?> ReadReportAsync(string studyInstanceUid, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await container.GetBlobClient(BlobNaming.Report(studyInstanceUid)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

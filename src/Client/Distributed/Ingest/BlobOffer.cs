using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Distributed.Ingest;

/// <summary>What became of a file offered to the studies container.</summary>
public enum BlobOfferOutcome
{
    /// <summary>This run uploaded it (the name was free, or an earlier run had stored other content under it).</summary>
    Uploaded,

    /// <summary>An earlier run had stored the same content (same SHA-256) under the name; nothing was sent.</summary>
    AlreadyStored,

    /// <summary>This run had already written the name (from another file with the same name); nothing was sent.</summary>
    StoredByThisRun,
}

/// <summary>
/// Uploads blobs for one ingest run. Each blob carries its SHA-256 and the run's id in its metadata, so without any memory
/// of what it has done the run tells, from one properties request: content an earlier run stored (not sent again), a name
/// it wrote itself (a duplicate), and a free or changed name (uploaded). Writes are conditional (if-none-match for a free
/// name, if-match the read ETag for a changed one), so two files racing for one name are told apart as well, and a write
/// whose reply was lost (the client's retry then meets the write itself) still counts as this file's upload.
/// </summary>
public sealed class BlobOffer(BlobContainerClient container, string runId)
{
    /// <summary>Offers <paramref name="bytes"/> under <paramref name="name"/>.</summary>
    public async Task<BlobOfferOutcome> OfferAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var attempted = false;
        while (true)
        {
            var existing = await PropertiesOrNull(blob, cancellationToken);
            if (existing is not null)
            {
                var sameContent = existing.Metadata.TryGetValue(BlobNaming.HashMetadataKey, out var stored) && stored == hash;
                if (existing.Metadata.TryGetValue(BlobNaming.RunMetadataKey, out var run) && run == runId)
                    return attempted && sameContent ? BlobOfferOutcome.Uploaded : BlobOfferOutcome.StoredByThisRun;
                if (sameContent) return BlobOfferOutcome.AlreadyStored;
            }
            try
            {
                await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { [BlobNaming.HashMetadataKey] = hash, [BlobNaming.RunMetadataKey] = runId },
                    Conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag },
                }, cancellationToken);
                return BlobOfferOutcome.Uploaded;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer got there between our read and our write, or the client retried a write of ours that the
                // service had already done (its reply was lost): look again. Our own content under our run's id counts
                // as uploaded; should it have been an identical file of this run racing us, one extra event is harmless.
                attempted = true;
            }
        }
    }

    private static async Task<BlobProperties?> PropertiesOrNull(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

using RadiologyNet.Client.Distributed.Ingest;
using RadiologyNet.Silo;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// How an ingest run tells, from the blob alone, content an earlier run stored, a name it wrote itself (a duplicate
/// SOPInstanceUID) and a free or changed name, on real Azurite, also when files race for one name.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class BlobOfferTests
{
    [DistributedFact]
    public async Task A_run_uploads_new_and_changed_content_skips_what_an_earlier_run_stored_and_refuses_a_name_it_already_wrote()
    {
        await using var azurite = await Azurite.StartAsync();
        var container = new StorageOptions { ConnectionString = azurite.ConnectionString }.StudiesContainer();
        await container.CreateIfNotExistsAsync();
        byte[] a = [1, 2, 3], b = [4, 5, 6];
        var first = new BlobOffer(container, "run-1");
        Assert.Equal(BlobOfferOutcome.Uploaded, await first.OfferAsync("1.2/1.2.3/1.2.3.4.dcm", a, default));
        Assert.Equal(BlobOfferOutcome.StoredByThisRun, await first.OfferAsync("1.2/1.2.3/1.2.3.4.dcm", a, default));
        Assert.Equal(BlobOfferOutcome.StoredByThisRun, await first.OfferAsync("1.2/1.2.3/1.2.3.4.dcm", b, default));

        var second = new BlobOffer(container, "run-2");
        Assert.Equal(BlobOfferOutcome.AlreadyStored, await second.OfferAsync("1.2/1.2.3/1.2.3.4.dcm", a, default));
        Assert.Equal(BlobOfferOutcome.Uploaded, await second.OfferAsync("1.2/1.2.3/1.2.3.4.dcm", b, default));
        Assert.Equal(b, (await container.GetBlobClient("1.2/1.2.3/1.2.3.4.dcm").DownloadContentAsync()).Value.Content.ToArray());
    }

    [DistributedFact]
    public async Task Files_racing_for_one_name_in_one_run_upload_it_once()
    {
        await using var azurite = await Azurite.StartAsync();
        var container = new StorageOptions { ConnectionString = azurite.ConnectionString }.StudiesContainer();
        await container.CreateIfNotExistsAsync();
        var offer = new BlobOffer(container, "run-1");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => offer.OfferAsync("1.2/1.2.3/1.2.3.5.dcm", [(byte)i], default))));
        Assert.Equal(1, outcomes.Count(o => o == BlobOfferOutcome.Uploaded));
        Assert.Equal(15, outcomes.Count(o => o == BlobOfferOutcome.StoredByThisRun));
    }
}

using RadiologyNet.Silo;

namespace RadiologyNet.Silo.Tests;

public sealed class StorageOptionsTests
{
    private const string Azurite = "UseDevelopmentStorage=true";

    [Fact]
    public void A_connection_string_is_enough_and_names_the_queues_after_the_cluster()
    {
        var options = new StorageOptions { ConnectionString = Azurite, ClusterId = "Ward7", Queues = 3 };
        options.Validate();
        Assert.Equal(["ward7-ingest-0", "ward7-ingest-1", "ward7-ingest-2"], options.QueueNames());
        Assert.Equal("studies", options.StudiesContainer().Name);
        Assert.Equal("devstoreaccount1", options.Blobs().AccountName);
    }

    [Fact]
    public void Service_uris_with_a_workload_identity_replace_the_connection_string()
    {
        var options = new StorageOptions
        {
            BlobServiceUri = new Uri("https://radnet.example/blob"),
            QueueServiceUri = new Uri("https://radnet.example/queue"),
            TableServiceUri = new Uri("https://radnet.example/table"),
        };
        options.Validate();
        Assert.Equal(new Uri("https://radnet.example/blob"), options.Blobs().Uri);
        Assert.Equal(new Uri("https://radnet.example/queue"), options.QueueService().Uri);
        Assert.Equal(new Uri("https://radnet.example/table"), options.Tables().Uri);
    }

    [Fact]
    public void Missing_or_partial_settings_fail_in_one_sentence()
    {
        Assert.Contains("Storage:ConnectionString", Assert.Throws<ArgumentException>(() => new StorageOptions().Validate()).Message);
        Assert.Throws<ArgumentException>(() => new StorageOptions { BlobServiceUri = new Uri("https://radnet.example/blob") }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, Queues = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, VisibilitySeconds = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, PollMilliseconds = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, ReconcileGraceSeconds = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, ReconcilePageSize = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new StorageOptions { ConnectionString = Azurite, ReconcilePagesPerPass = 0 }.Validate());
    }
}

using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// Configures each test silo with the production runtime (storage, streams, feature services) on a shared archive folder,
/// refusing message bodies over <see cref="MaxMessageBodySize"/>, so a grain call that carries O(n) data fails loudly.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>The archive folder the silos read; set before the cluster deploys.</summary>
    public static string ArchiveFolder { get; set; } = Path.GetTempPath();

    /// <summary>The largest message body the test silos and clients accept (Orleans' default is 100 MB).</summary>
    public const int MaxMessageBodySize = RadiologyNet.Silo.MessageLimits.MaxMessageBodyBytes;

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = ArchiveFolder,
            ["Annotation:Shards"] = "4",
            ["Annotation:ModelName"] = "test",
            ["Annotation:ShardSegmentSize"] = "8",
        }).Build();
        siloBuilder.AddRadiologyNetRuntime(configuration);
        siloBuilder.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = MaxMessageBodySize);
    }
}

/// <summary>The test client publishes on the same memory stream provider and refuses large message bodies too.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.AddMemoryStreams(StreamNames.Provider);
        clientBuilder.Configure<ClientMessagingOptions>(o => o.MaxMessageBodySize = TestSiloConfigurator.MaxMessageBodySize);
    }
}

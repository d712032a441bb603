using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests;

/// <summary>Configures each test silo with the production runtime (storage, streams, feature services) on a shared archive folder.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>The archive folder the silos read; set before the cluster deploys.</summary>
    public static string ArchiveFolder { get; set; } = Path.GetTempPath();

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
    }
}

/// <summary>The test client publishes on the same memory stream provider.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(StreamNames.Provider);
}

using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests;

/// <summary>
/// A real three-silo Orleans cluster (TestingHost) whose silos and client refuse message bodies over
/// <see cref="MaxMessageBodySize"/>, so a grain call that carries a whole shard fails loudly.
/// </summary>
public sealed class SmallMessageClusterFixture : IAsyncLifetime
{
    /// <summary>The largest message body the silos and the client accept.</summary>
    public const int MaxMessageBodySize = 64 * 1024;

    /// <summary>Shards per model on these silos.</summary>
    public const int Shards = 4;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<SmallMessageSiloConfigurator>();
        builder.AddClientBuilderConfigurator<SmallMessageClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>The production runtime with a small message body limit.</summary>
public sealed class SmallMessageSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = Path.GetTempPath(),
            ["Annotation:Shards"] = SmallMessageClusterFixture.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Every write seals the tail: memory storage (a grain here) sends the shard's state as JSON, where a tail of a few
            // 1,044-value vectors already exceeds the limit.
            ["Annotation:ShardSegmentSize"] = "1",
            ["Annotation:RefineSampleSize"] = "400",
        }).Build();
        siloBuilder.AddRadiologyNetRuntime(configuration);
        siloBuilder.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = SmallMessageClusterFixture.MaxMessageBodySize);
    }
}

/// <summary>The client refuses large message bodies too.</summary>
public sealed class SmallMessageClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.AddMemoryStreams(StreamNames.Provider);
        clientBuilder.Configure<ClientMessagingOptions>(o => o.MaxMessageBodySize = SmallMessageClusterFixture.MaxMessageBodySize);
    }
}

using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Grains;
using RadiologyNet.Silo;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>Each in-process test silo: the production runtime on a shared archive folder, with Orleans' activity propagation.</summary>
public sealed class TracingSiloConfigurator : ISiloConfigurator
{
    /// <summary>The archive folder the silos read; set before the cluster deploys.</summary>
    public static string ArchiveFolder { get; set; } = Path.GetTempPath();

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = ArchiveFolder,
            ["Annotation:Shards"] = "4",
            ["Annotation:ModelName"] = "traced",
        }).Build();
        siloBuilder.AddRadiologyNetRuntime(configuration).AddActivityPropagation();
    }
}

/// <summary>The test client publishes on the same memory stream provider.</summary>
public sealed class TracingClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(StreamNames.Provider).AddActivityPropagation();
}

using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>Embedded silos keep shard segments as files under <c>Annotation:SegmentFolder</c>, and delete them when the cluster stops.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmbeddedSegmentFolderTests : IDisposable
{
    private readonly ScratchFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_shards_sealed_segments_are_files_in_the_configured_folder_until_the_last_silo_stops()
    {
        SegmentFolderSiloConfigurator.Root = _root.Path;
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SegmentFolderSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var shard = cluster.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("files", 0));
            await shard.Add(Enumerable.Range(0, 20).Select(i => SegmentRows.Row(i, 16)).ToList());
            await shard.Add([SegmentRows.Row(20, 16)]);

            // 21 rows in segments of 8: two sealed, five in the tail.
            var segments = Directory.EnumerateFiles(_root.Path, "*.arrows", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, segments.Count);
            Assert.Matches("radnet-segments-[0-9]+-[0-9a-f]+/[^/]+/files%2F0/000000.arrows$", segments[0].Replace('\\', '/'));
            Assert.Matches("radnet-segments-[0-9]+-[0-9a-f]+/[^/]+/files%2F0/000001.arrows$", segments[1].Replace('\\', '/'));

            Assert.Equal(21, (await shard.GetCounts()).Vectors);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Path));
    }
}

/// <summary>The production runtime with segments under <see cref="Root"/>.</summary>
public sealed class SegmentFolderSiloConfigurator : ISiloConfigurator
{
    /// <summary>The segment folder's root; set before the cluster deploys.</summary>
    public static string Root { get; set; } = Path.GetTempPath();

    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddRadiologyNetRuntime(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Archive:Folder"] = Path.GetTempPath(),
        ["Annotation:ShardSegmentSize"] = "8",
        [SiloConfiguration.SegmentFolderKey] = Root,
    }).Build());
}

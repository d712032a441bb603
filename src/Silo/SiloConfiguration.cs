using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Silo;

/// <summary>The silo's Orleans configuration: storage, streams and feature services, plus localhost clustering for one machine.</summary>
public static class SiloConfiguration
{
    /// <summary>Single-machine mode: localhost clustering on the given ports, memory storage and streams, feature services.</summary>
    public static ISiloBuilder ConfigureEmbedded(this ISiloBuilder silo, IConfiguration configuration, int siloPort, int gatewayPort)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        return silo.AddRadiologyNetRuntime(configuration);
    }

    /// <summary>Configuration key of the folder under which embedded silos keep their segment files; the system's temporary folder if unset.</summary>
    public const string SegmentFolderKey = "Annotation:SegmentFolder";

    /// <summary>
    /// Everything but clustering: memory grain storage, the memory ingest stream provider, the feature services, and shard
    /// segments as files in a fresh per-process folder under <see cref="SegmentFolderKey"/> that is deleted when the
    /// cluster's last silo in the process stops (<see cref="SegmentFolderLease"/>).
    /// </summary>
    public static ISiloBuilder AddRadiologyNetRuntime(this ISiloBuilder silo, IConfiguration configuration)
    {
        // Featurisation and bootstrap are seconds-long batch work on busy 2-core machines: give calls room.
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromMinutes(3);
            o.MaxMessageBodySize = MessageLimits.MaxMessageBodyBytes;
        });
        // The binary Orleans serializer, as the distributed silos store state.
        silo.AddMemoryGrainStorage(StorageNames.Grains, (OptionsBuilder<MemoryGrainStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        // The stream cache keeps Orleans' eviction (an event goes once 30 minutes older than the newest): a big study's events
        // wait behind each other, and one evicted before delivery is lost (evicting after 1–2 minutes lost 5,183 of 1.34 M).
        // Implicit subscriptions only, as in the distributed silos: otherwise every study's stream gets a pub-sub grain and
        // its state, a second activation per study that nothing reads.
        silo.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20);
                o.BatchContainerBatchSize = 32;
            }));
        });
        silo.Services.AddRadiologyNetFeatures(configuration);
        var segmentRoot = configuration[SegmentFolderKey] is { Length: > 0 } configured ? configured : Path.GetTempPath();
        silo.Services.AddSingleton<IShardSegmentStore>(services =>
            new FileShardSegmentStore(SegmentFolderLease.FolderFor(segmentRoot, services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId)));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new SegmentFolderLifetime(segmentRoot, services.GetRequiredService<IOptions<ClusterOptions>>()));
        return silo;
    }
}

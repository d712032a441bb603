using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;
using Orleans.Storage;
using Orleans.Serialization;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Silo;

/// <summary>
/// Distributed mode: Azure Table clustering, Azure Blob grain storage, the ingest stream on Azure Queues, and the
/// archive in a blob container — all in one storage account (Azurite locally).
/// </summary>
public static class DistributedConfiguration
{
    /// <summary>Configures a silo of a multi-silo cluster on Azure Storage, listening on the given ports.</summary>
    public static ISiloBuilder ConfigureDistributed(this ISiloBuilder silo, IConfiguration configuration, int siloPort, int gatewayPort)
    {
        var storage = Bind(configuration);
        var advertised = IPAddress.Parse(configuration.GetValue("Silo:AdvertisedAddress", "127.0.0.1")!);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = storage.ClusterId;
            o.ServiceId = storage.ServiceId;
        });
        silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: configuration.GetValue("Silo:ListenOnAny", false));
        silo.UseAzureStorageClustering(o => o.TableServiceClient = storage.Tables());
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromMinutes(3);
            o.MaxMessageBodySize = MessageLimits.MaxMessageBodyBytes;
        });
        silo.AddAzureBlobGrainStorage(StorageNames.Grains, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
        {
            o.BlobServiceClient = storage.Blobs();
            o.ContainerName = storage.StateContainer;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.AddAzureQueueStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigureAzureQueue(queue => queue.Configure(o =>
            {
                o.QueueServiceClient = storage.QueueService();
                o.QueueNames = storage.QueueNames();
                o.MessageVisibilityTimeout = TimeSpan.FromSeconds(storage.VisibilitySeconds);
            }));
            streams.ConfigureCacheSize(storage.StreamCacheSize);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(storage.PollMilliseconds);
                o.BatchContainerBatchSize = 32;
            }));
        });
        silo.Services.AddRadiologyNetFeatures(configuration);
        silo.Services.AddSingleton(ReportLibrary.Empty); // reports come from the container's reports/ blobs
        silo.Services.AddSingleton(storage);
        silo.Services.AddSingleton<IArchiveSource>(_ => new BlobArchiveSource(storage.StudiesContainer()));
        silo.Services.AddSingleton<IShardSegmentStore>(_ => new BlobShardSegmentStore(storage.Blobs().GetBlobContainerClient(storage.StateContainer), storage.ServiceId));
        silo.Services.AddSingleton<IIngestBacklog, AzureQueueBacklog>();
        silo.Services.AddHostedService<ReconcilerService>();
        return silo;
    }

    /// <summary>Configures a client of that cluster: Azure Table gateway discovery and the ingest stream on Azure Queues.</summary>
    public static IClientBuilder ConfigureDistributedClient(this IClientBuilder client, StorageOptions storage)
    {
        storage.Validate();
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = storage.ClusterId;
            o.ServiceId = storage.ServiceId;
        });
        client.UseAzureStorageClustering(o => o.TableServiceClient = storage.Tables());
        client.Configure<ClientMessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromMinutes(3);
            o.MaxMessageBodySize = MessageLimits.MaxMessageBodyBytes;
        });
        client.AddAzureQueueStreams(StreamNames.Provider, streams => streams.ConfigureAzureQueue(queue => queue.Configure(o =>
        {
            o.QueueServiceClient = storage.QueueService();
            o.QueueNames = storage.QueueNames();
        })));
        return client;
    }

    /// <summary>The storage options from configuration, validated.</summary>
    public static StorageOptions Bind(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Validate();
        return storage;
    }
}

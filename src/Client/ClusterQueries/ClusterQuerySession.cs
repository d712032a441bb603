using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>A query verb's connection to a running cluster: the client, the studies container and the model read from the coordinator.</summary>
public sealed class ClusterQuerySession : IAsyncDisposable
{
    private readonly ClusterClientHost _host;

    private ClusterQuerySession(ClusterClientHost host, StorageOptions storage, ClusterModel model)
    {
        _host = host;
        Storage = storage;
        Model = model;
    }

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => _host.Client;

    /// <summary>Where the studies' blobs and reports are.</summary>
    public StorageOptions Storage { get; }

    /// <summary>The model, read once when connecting.</summary>
    public ClusterModel Model { get; }

    /// <summary>Connects to the cluster and reads model <paramref name="model"/>.</summary>
    public static async Task<ClusterQuerySession> ConnectAsync(StorageOptions storage, string model, CancellationToken cancellationToken)
    {
        var host = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
        try
        {
            return new ClusterQuerySession(host, storage, await ClusterModel.ReadAsync(host.Client, model));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Studies' reports and instance headers from the container, for the cluster terms.</summary>
    public StudyReportReader Reports(CancellationToken cancellationToken)
    {
        var source = new BlobArchiveSource(Storage.StudiesContainer());
        return new StudyReportReader(study => source.ReadReportAsync(study, cancellationToken), source);
    }

    /// <summary>The catalogue of the clusters: names, composition and representatives, with terms from <paramref name="sample"/> members per cluster.</summary>
    public async Task<ClusterCatalogue> CatalogueAsync(int sample, bool keepVectors, CancellationToken cancellationToken)
    {
        var members = await MemberSample.DrawAsync(Client, Model, sample, keepVectors, cancellationToken);
        return await ClusterCatalogue.BuildAsync(Model, members, Reports(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

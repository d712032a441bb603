using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;
using RadiologyNet.Silo;
using RadiologyNet.Silo.LoadTest;

namespace RadiologyNet.Client.LoadTest;

/// <summary>
/// The cluster a load test drives: an in-process silo started with the load-test switch and storage counters (the default),
/// or a running cluster, which must have been started with the switch.
/// </summary>
public sealed class LoadTestCluster : IAsyncDisposable
{
    private readonly EmbeddedSilo? _embedded;
    private readonly ClusterClientHost? _remote;

    private LoadTestCluster(EmbeddedSilo? embedded, ClusterClientHost? remote)
    {
        _embedded = embedded;
        _remote = remote;
    }

    /// <summary>The grain factory and stream provider.</summary>
    public IClusterClient Client => _embedded?.Client ?? _remote!.Client;

    /// <summary>True when the silo runs in this process (its RSS is this process's).</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>Starts an in-process silo with the switch on.</summary>
    public static async Task<LoadTestCluster> StartEmbeddedAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        var siloSettings = new Dictionary<string, string?>
        {
            [LoadTestOptions.EnabledKey] = "true",
            ["Annotation:ModelName"] = settings.Model,
            ["Annotation:Clusters"] = settings.Clusters.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Annotation:Seed"] = settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Annotation:Shards"] = settings.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var silo = await EmbeddedSilo.StartAsync(siloSettings, cancellationToken: cancellationToken,
            configure: builder => builder.Services.AddLoadTestStorageCounters());
        return new LoadTestCluster(silo, null);
    }

    /// <summary>Connects to a running cluster; refuses, in one sentence, one whose silos were not started with the switch.</summary>
    public static async Task<LoadTestCluster> ConnectAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        var remote = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
        try
        {
            await RequireSwitchAsync(remote.Client);
        }
        catch
        {
            await remote.DisposeAsync();
            throw;
        }
        return new LoadTestCluster(null, remote);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> unless the silo that answers runs with the load-test switch.</summary>
    public static async Task RequireSwitchAsync(IGrainFactory grains)
    {
        if (!(await grains.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport()).Enabled)
            throw new InvalidOperationException($"the cluster's silos were not started with {LoadTestOptions.EnabledKey}=true, so the load test refuses to mix synthetic features into its model");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null) await _embedded.DisposeAsync();
        if (_remote is not null) await _remote.DisposeAsync();
    }
}

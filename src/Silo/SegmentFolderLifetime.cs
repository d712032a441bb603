using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Silo;

/// <summary>
/// Holds a claim on the cluster's segment folder (<see cref="SegmentFolderLease"/>) while the silo runs, released late in
/// its shutdown, after its grains were deactivated, so the folder is deleted once the cluster's last silo in this process stops.
/// </summary>
public sealed class SegmentFolderLifetime(string root, IOptions<ClusterOptions> cluster) : ILifecycleParticipant<ISiloLifecycle>
{
    private SegmentFolderLease? _lease;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SegmentFolderLifetime), ServiceLifecycleStage.RuntimeInitialize,
        _ =>
        {
            _lease = SegmentFolderLease.Acquire(root, cluster.Value.ClusterId);
            return Task.CompletedTask;
        },
        _ =>
        {
            _lease?.Dispose();
            _lease = null;
            return Task.CompletedTask;
        });
}

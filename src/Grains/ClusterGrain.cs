using System.Globalization;
using RadiologyNet.Clustering;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// One cluster: its centroid, member count and label-tag histograms, persisted; absorbs batched online updates (MacQueen).
/// Its member count is the <c>radnet.cluster.size</c> gauge of the silo it is active on.
/// </summary>
public sealed class ClusterGrain([PersistentState("cluster", StorageNames.Grains)] IPersistentState<ClusterState> state, RadnetMetrics metrics)
    : Grain, IClusterGrain
{
    private ClusterState State => state.State;
    private string Model => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];
    private int Id => int.Parse(this.GetPrimaryKeyString().Split('/')[^1], CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Centroid.Length > 0) metrics.ClusterSize(Model, Id, State.Members);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.ClusterGone(Model, Id);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Reset(float[] centroid, long members, Dictionary<string, long> modalities, Dictionary<string, long> regions, int version)
    {
        State.Centroid = (float[])centroid.Clone();
        State.Members = members;
        State.Version = version;
        State.Modalities = new Dictionary<string, long>(modalities, StringComparer.Ordinal);
        State.Regions = new Dictionary<string, long>(regions, StringComparer.Ordinal);
        metrics.ClusterSize(Model, Id, members);
        return state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<float[]> Absorb(ClusterUpdate update)
    {
        if (update.VectorSum.Length != State.Centroid.Length)
            throw new ArgumentException($"update has {update.VectorSum.Length} dimensions, the centroid {State.Centroid.Length}");
        var members = State.Members;
        MacQueen.Absorb(State.Centroid, ref members, update.VectorSum, update.Count);
        State.Members = members;
        Count(update.Modalities, update.Regions);
        metrics.ClusterSize(Model, Id, members);
        await state.WriteStateAsync();
        return (float[])State.Centroid.Clone();
    }

    /// <inheritdoc />
    public Task<float[]> GetCentroid() => Task.FromResult((float[])State.Centroid.Clone());

    /// <inheritdoc />
    public Task<ClusterSummary> GetSummary() => Task.FromResult(new ClusterSummary(
        Id, State.Version, State.Members, new Dictionary<string, long>(State.Modalities), new Dictionary<string, long>(State.Regions)));

    private void Count(string[] modalities, string[] regions)
    {
        foreach (var m in modalities) State.Modalities[m] = State.Modalities.GetValueOrDefault(m) + 1;
        foreach (var r in regions) State.Regions[r] = State.Regions.GetValueOrDefault(r) + 1;
    }
}

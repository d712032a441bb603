using System.Globalization;
using RadiologyNet.Clustering;

namespace RadiologyNet.Grains;

/// <summary>One cluster: its centroid, member count and label-tag histograms, persisted; absorbs batched online updates (MacQueen).</summary>
public sealed class ClusterGrain([PersistentState("cluster", StorageNames.Grains)] IPersistentState<ClusterState> state) : Grain, IClusterGrain
{
    private ClusterState State => state.State;

    /// <inheritdoc />
    public Task Reset(float[] centroid, long members, string[] modalities, string[] regions, int version)
    {
        State.Centroid = (float[])centroid.Clone();
        State.Members = members;
        State.Version = version;
        State.Modalities.Clear();
        State.Regions.Clear();
        Count(modalities, regions);
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
        await state.WriteStateAsync();
        return (float[])State.Centroid.Clone();
    }

    /// <inheritdoc />
    public Task<float[]> GetCentroid() => Task.FromResult((float[])State.Centroid.Clone());

    /// <inheritdoc />
    public Task<ClusterSummary> GetSummary() => Task.FromResult(new ClusterSummary(
        int.Parse(this.GetPrimaryKeyString().Split('/')[^1], CultureInfo.InvariantCulture),
        State.Version, State.Members, new Dictionary<string, long>(State.Modalities), new Dictionary<string, long>(State.Regions)));

    private void Count(string[] modalities, string[] regions)
    {
        foreach (var m in modalities) State.Modalities[m] = State.Modalities.GetValueOrDefault(m) + 1;
        foreach (var r in regions) State.Regions[r] = State.Regions.GetValueOrDefault(r) + 1;
    }
}

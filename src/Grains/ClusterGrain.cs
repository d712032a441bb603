using RadiologyNet.Clustering;

namespace RadiologyNet.Grains;

/// <summary>One cluster: its centroid, member count and label-tag histograms; absorbs batched online updates (MacQueen).</summary>
public sealed class ClusterGrain : Grain, IClusterGrain
{
    private float[] _centroid = [];
    private long _members;
    private int _version;
    private readonly Dictionary<string, long> _modalities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _regions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task Reset(float[] centroid, long members, string[] modalities, string[] regions, int version)
    {
        _centroid = (float[])centroid.Clone();
        _members = members;
        _version = version;
        _modalities.Clear();
        _regions.Clear();
        Count(modalities, regions);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<float[]> Absorb(ClusterUpdate update)
    {
        if (update.VectorSum.Length != _centroid.Length)
            throw new ArgumentException($"update has {update.VectorSum.Length} dimensions, the centroid {_centroid.Length}");
        MacQueen.Absorb(_centroid, ref _members, update.VectorSum, update.Count);
        Count(update.Modalities, update.Regions);
        return Task.FromResult((float[])_centroid.Clone());
    }

    /// <inheritdoc />
    public Task<float[]> GetCentroid() => Task.FromResult((float[])_centroid.Clone());

    /// <inheritdoc />
    public Task<ClusterSummary> GetSummary() => Task.FromResult(new ClusterSummary(
        int.Parse(this.GetPrimaryKeyString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture),
        _version, _members, new Dictionary<string, long>(_modalities), new Dictionary<string, long>(_regions)));

    private void Count(string[] modalities, string[] regions)
    {
        foreach (var m in modalities) _modalities[m] = _modalities.GetValueOrDefault(m) + 1;
        foreach (var r in regions) _regions[r] = _regions.GetValueOrDefault(r) + 1;
    }
}

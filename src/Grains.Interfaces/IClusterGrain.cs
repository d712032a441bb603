namespace RadiologyNet.Grains;

/// <summary>One cluster of one model (key: <c>{model}/{index}</c>): owns the centroid and absorbs batched online updates.</summary>
public interface IClusterGrain : IGrainWithStringKey
{
    /// <summary>Sets the centroid (after a model-wide pass) with its member count and label histograms (label → members).</summary>
    Task Reset(float[] centroid, long members, Dictionary<string, long> modalities, Dictionary<string, long> regions, int version);

    /// <summary>Absorbs a batch of members with MacQueen's running mean; returns the new centroid.</summary>
    Task<float[]> Absorb(ClusterUpdate update);

    /// <summary>The current centroid.</summary>
    Task<float[]> GetCentroid();

    /// <summary>Size and label histograms.</summary>
    Task<ClusterSummary> GetSummary();
}

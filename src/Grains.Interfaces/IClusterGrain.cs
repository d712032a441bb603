namespace RadiologyNet.Grains;

/// <summary>One cluster of one model (key: <c>{model}/{index}</c>): owns the centroid and absorbs batched online updates.</summary>
public interface IClusterGrain : IGrainWithStringKey
{
    /// <summary>Sets the centroid (bootstrap or refinement) with its member count and label histograms.</summary>
    Task Reset(float[] centroid, long members, string[] modalities, string[] regions, int version);

    /// <summary>Absorbs a batch of members with MacQueen's running mean; returns the new centroid.</summary>
    Task<float[]> Absorb(ClusterUpdate update);

    /// <summary>The current centroid.</summary>
    Task<float[]> GetCentroid();

    /// <summary>Size and label histograms.</summary>
    Task<ClusterSummary> GetSummary();
}

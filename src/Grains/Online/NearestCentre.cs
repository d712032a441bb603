using RadiologyNet.Clustering;

namespace RadiologyNet.Grains.Online;

/// <summary>
/// The nearest centre of a vector under the model's metric: Euclidean while the centres are k-means means (the distance
/// is the Euclidean norm, not its square), Manhattan once a k-medoids refinement made them medoids (the paper's metric).
/// Ties go to the lowest cluster id.
/// </summary>
public static class NearestCentre
{
    /// <summary>The nearest of the <paramref name="clusters"/> centres (rows of <paramref name="centres"/>) and the distance to it.</summary>
    public static int Find(ReadOnlySpan<float> vector, ReadOnlySpan<float> centres, int clusters, CentreMetric metric, out float distance)
    {
        if (clusters < 1 || centres.Length != clusters * vector.Length)
            throw new ArgumentException($"a vector of {vector.Length} values cannot be placed on {clusters} centres of {centres.Length} values in all");
        if (metric == CentreMetric.Manhattan) return ManhattanNearest.Nearest(vector, centres, clusters, out distance);
        var nearest = NearestCentroid.Nearest(vector, centres, clusters, out var squared);
        distance = MathF.Sqrt(squared);
        return nearest;
    }
}

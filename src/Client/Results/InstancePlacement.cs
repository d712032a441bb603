using RadiologyNet.Clustering;

namespace RadiologyNet.Client.Results;

/// <summary>Where a fused vector lies among the centres: its distance to its own cluster's centre, and the runner-up cluster with its distance.</summary>
public static class InstancePlacement
{
    /// <summary>A vector's placement relative to the centres.</summary>
    /// <param name="Nearest">The nearest centre (ties to the lower id).</param>
    /// <param name="Distance">Distance to the centre of the cluster asked about.</param>
    /// <param name="RunnerUp">The nearest other cluster, or -1 when k = 1.</param>
    /// <param name="RunnerUpDistance">Distance to the runner-up's centre.</param>
    public readonly record struct Placement(int Nearest, float Distance, int RunnerUp, float RunnerUpDistance);

    /// <summary>
    /// The placement of <paramref name="vector"/> in <paramref name="cluster"/> (its assigned cluster) among <paramref name="k"/>
    /// row-major <paramref name="centres"/>: when another centre is nearer, that one is the runner-up.
    /// </summary>
    public static Placement Of(ReadOnlySpan<float> vector, float[] centres, int k, int cluster, bool manhattan)
    {
        var two = manhattan ? TwoNearest.Manhattan(vector, centres, k) : TwoNearest.Euclidean(vector, centres, k);
        if (two.Nearest == cluster) return new Placement(two.Nearest, two.Distance, two.RunnerUp, two.RunnerUpDistance);
        var own = centres.AsSpan(cluster * vector.Length, vector.Length);
        return new Placement(two.Nearest, manhattan ? Distances.Manhattan(vector, own) : Distances.Euclidean(vector, own), two.Nearest, two.Distance);
    }
}

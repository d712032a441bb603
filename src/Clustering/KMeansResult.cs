namespace RadiologyNet.Clustering;

/// <summary>
/// Result of a k-means fit: k × d centroids (row-major), one label per point, inertia (Σ squared distance of
/// each point to its centroid, accumulated in double) and the number of assignment passes.
/// </summary>
public sealed record KMeansResult(float[] Centroids, int[] Labels, double Inertia, int Iterations)
{
    /// <summary>The centroids in double precision, as computed (k × d). <see cref="Centroids"/> is this rounded to float.</summary>
    public double[] CentroidsDouble { get; init; } = [];

    /// <summary>True when the run stopped by unchanged labels or by the tolerance, false when it hit the iteration cap.</summary>
    public bool Converged { get; init; }

    /// <summary>How many times an empty cluster was re-seeded with a far point.</summary>
    public int EmptyClusterRelocations { get; init; }
}

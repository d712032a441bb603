namespace RadiologyNet.Grains;

/// <summary>The distance a model assigns with: Euclidean to k-means centroids, Manhattan to k-medoids medoids (the paper's choice).</summary>
public enum CentreMetric
{
    /// <summary>Euclidean distance (k-means bootstrap and online updates).</summary>
    Euclidean = 0,

    /// <summary>Manhattan distance (after a k-medoids refinement pass).</summary>
    Manhattan = 1,
}

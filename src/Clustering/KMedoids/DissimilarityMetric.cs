namespace RadiologyNet.Clustering.KMedoids;

/// <summary>Metrics for dissimilarities computed from vectors.</summary>
public enum DissimilarityMetric
{
    /// <summary>√Σ (x − y)².</summary>
    Euclidean,

    /// <summary>Σ |x − y| (L1), the metric of the RadiologyNET paper's k-medoids.</summary>
    Manhattan,

    /// <summary>Σ (x − y)² (not a metric; k-medoids then minimises the same objective as k-means over medoids).</summary>
    SquaredEuclidean,

    /// <summary>1 − x·y / (‖x‖‖y‖); a zero vector is at distance 1 from everything.</summary>
    Cosine,
}

namespace RadiologyNet.Grains;

/// <summary>Persisted state of a model's coordinator; the centroids themselves live in the cluster grains.</summary>
[GenerateSerializer, Alias("radnet.CoordinatorState")]
public sealed class CoordinatorState
{
    [Id(0)] public ModelSettings? Settings { get; set; }

    [Id(1)] public bool Streaming { get; set; }

    [Id(2)] public int Version { get; set; }

    [Id(3)] public int Clusters { get; set; }

    [Id(4)] public int Dimensions { get; set; }

    [Id(5)] public CentreMetric Metric { get; set; }

    [Id(7)] public RefinementResult? LastRefinement { get; set; }

    /// <summary>The last pass version whose assignments every study acknowledged; behind <see cref="Version"/> while a delivery is out or was lost.</summary>
    [Id(8)] public int DeliveredVersion { get; set; }
}

namespace RadiologyNet.Grains;

/// <summary>Agreement of the clusters with one label tag, computed from the cluster grains' label histograms.</summary>
[GenerateSerializer, Immutable, Alias("radnet.LabelEvaluation")]
public sealed record LabelEvaluation(
    [property: Id(0)] string Label,
    [property: Id(1)] long Instances,
    [property: Id(2)] double Homogeneity,
    [property: Id(3)] double Completeness,
    [property: Id(4)] double VMeasure,
    [property: Id(5)] double MutualInformation,
    [property: Id(6)] double AdjustedMutualInformation,
    [property: Id(7)] double AdjustedRandIndex);

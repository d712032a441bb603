namespace RadiologyNet.Grains;

/// <summary>
/// Model-wide totals of every stored vector placed on its nearest current centre (the labels a reassignment gives),
/// summed by the shards.
/// </summary>
/// <param name="Version">The model version measured.</param>
/// <param name="Members">Vectors counted.</param>
/// <param name="Cost">Sum of the distances to the centres under the model's metric (Euclidean norm, or Manhattan after a refinement).</param>
/// <param name="KMeansCost">The k-means cost Σ‖x − mean of its cluster‖² (squared Euclidean, members' means).</param>
/// <param name="Inertia">Σ‖x − its centre‖² (squared Euclidean to the model's own centres).</param>
[GenerateSerializer, Immutable, Alias("radnet.ModelMeasure")]
public sealed record ModelMeasure(
    [property: Id(0)] int Version,
    [property: Id(1)] long Members,
    [property: Id(2)] double Cost,
    [property: Id(3)] double KMeansCost,
    [property: Id(4)] double Inertia);

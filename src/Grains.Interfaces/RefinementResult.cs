namespace RadiologyNet.Grains;

/// <summary>The outcome of a k-medoids refinement pass over all shards.</summary>
/// <param name="Version">The model version it produced.</param>
/// <param name="SampleSize">Vectors in the stratified sample FasterPAM ran on.</param>
/// <param name="SampleCost">FasterPAM's total deviation on the sample.</param>
/// <param name="TotalDeviation">
/// Exact total deviation of every stored vector to its new centre, summed over shards, under the refined model's metric:
/// Manhattan to the medoids, or Euclidean to the polished means when the silo's <c>Annotation:RefinePolishPasses</c> is above 0.
/// </param>
/// <param name="PreviousCost">The total deviation to the previous centres under the same metric, before the pass (comparable with <paramref name="TotalDeviation"/>).</param>
/// <param name="Reassigned">Vectors reassigned.</param>
/// <param name="Changed">
/// Vectors whose cluster id changed since the previous model-wide pass labelled them (ids are matched to the previous ones
/// by the Hungarian method), counted by the shards; vectors stored since that pass are not counted.
/// </param>
/// <param name="Swaps">FasterPAM swaps.</param>
/// <param name="Seconds">Wall time of the pass.</param>
[GenerateSerializer, Immutable, Alias("radnet.RefinementResult")]
public sealed record RefinementResult(
    [property: Id(0)] int Version,
    [property: Id(1)] int SampleSize,
    [property: Id(2)] double SampleCost,
    [property: Id(3)] double TotalDeviation,
    [property: Id(4)] double PreviousCost,
    [property: Id(5)] long Reassigned,
    [property: Id(6)] long Changed,
    [property: Id(7)] int Swaps,
    [property: Id(8)] double Seconds);

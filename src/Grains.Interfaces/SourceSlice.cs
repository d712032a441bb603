namespace RadiologyNet.Grains;

/// <summary>
/// One source's part of the fused vector (image, metadata or report): <see cref="Length"/> values from
/// <see cref="Offset"/>. A pass over a slice L2-normalises it first, so the source is clustered alone, as its own
/// embedding, without the fusion weight or any missing-source reweighting.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.SourceSlice")]
public sealed record SourceSlice(
    [property: Id(0)] string Source,
    [property: Id(1)] int Offset,
    [property: Id(2)] int Length);

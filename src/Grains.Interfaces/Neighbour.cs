namespace RadiologyNet.Grains;

/// <summary>A stored instance near a query vector.</summary>
[GenerateSerializer, Immutable, Alias("radnet.Neighbour")]
public sealed record Neighbour(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] float Distance,
    [property: Id(2)] string Modality,
    [property: Id(3)] string Region);

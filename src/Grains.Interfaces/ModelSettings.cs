namespace RadiologyNet.Grains;

/// <summary>How a model clusters.</summary>
/// <param name="Clusters">k.</param>
/// <param name="BootstrapSize">Vectors collected before k-means++ and Lloyd bootstrap the centroids; later ones stream.</param>
/// <param name="Seed">Seed of every random choice, so runs repeat.</param>
[GenerateSerializer, Immutable, Alias("radnet.ModelSettings")]
public sealed record ModelSettings(
    [property: Id(0)] int Clusters,
    [property: Id(1)] int BootstrapSize,
    [property: Id(2)] int Seed);

namespace RadiologyNet.Grains;

/// <summary>The model's phase, its k, and its accounting: every event settles as annotated, pending, quarantined or duplicate.</summary>
[GenerateSerializer, Immutable, Alias("radnet.ModelStatus")]
public sealed record ModelStatus(
    [property: Id(0)] string Phase,
    [property: Id(1)] int Version,
    [property: Id(2)] int Clusters,
    [property: Id(3)] long Annotated,
    [property: Id(4)] long Pending,
    [property: Id(5)] long Quarantined,
    [property: Id(6)] long Duplicates)
{
    /// <summary>Instances whose outcome is known (each event counts once).</summary>
    public long Settled => Annotated + Pending + Quarantined + Duplicates;
}

namespace RadiologyNet.Grains;

/// <summary>A quarantined instance and its PHI-free reason.</summary>
[GenerateSerializer, Immutable, Alias("radnet.QuarantinedInstance")]
public sealed record QuarantinedInstance(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] string Reason);

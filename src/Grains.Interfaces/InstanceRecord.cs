namespace RadiologyNet.Grains;

/// <summary>What the system knows about one instance: its identity, status, label tags and cluster.</summary>
[GenerateSerializer, Immutable, Alias("radnet.InstanceRecord")]
public sealed record InstanceRecord(
    [property: Id(0)] string SopInstanceUid,
    [property: Id(1)] string SeriesInstanceUid,
    [property: Id(2)] string StudyInstanceUid,
    [property: Id(3)] string Source,
    [property: Id(4)] InstanceStatus Status,
    [property: Id(5)] string? Reason,
    [property: Id(6)] int Cluster,
    [property: Id(7)] float Distance,
    [property: Id(8)] string Modality,
    [property: Id(9)] string Region);

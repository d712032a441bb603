namespace RadiologyNet.Grains;

/// <summary>
/// Where a paged read of a model's quarantined instances stands: the shard being read and the last SOPInstanceUID returned
/// from it (entries come in ordinal order of SOPInstanceUID, so entries added or removed meanwhile never shift a page).
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.QuarantineCursor")]
public sealed record QuarantineCursor(
    [property: Id(0)] int Shard,
    [property: Id(1)] string After)
{
    /// <summary>The beginning of the first shard.</summary>
    public static QuarantineCursor Start { get; } = new(0, "");
}

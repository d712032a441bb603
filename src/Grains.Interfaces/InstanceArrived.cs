namespace RadiologyNet.Grains;

/// <summary>One DICOM instance is available in the archive source and should be annotated.</summary>
/// <param name="StudyInstanceUid">The study the instance belongs to (also the stream key).</param>
/// <param name="SeriesInstanceUid">Its series.</param>
/// <param name="SopInstanceUid">Its SOP Instance UID, the idempotency key.</param>
/// <param name="Source">Where the bytes are, relative to the archive source (a path or a blob name).</param>
/// <param name="HasReport">
/// Whether the study had a report in the archive when the event was made (the ingest lists the container's reports), so a
/// study without one costs no lookup; null when the sender did not know (the silo then looks).
/// </param>
[GenerateSerializer, Immutable, Alias("radnet.InstanceArrived")]
public sealed record InstanceArrived(
    [property: Id(0)] string StudyInstanceUid,
    [property: Id(1)] string SeriesInstanceUid,
    [property: Id(2)] string SopInstanceUid,
    [property: Id(3)] string Source,
    [property: Id(4)] bool? HasReport = null);

namespace RadiologyNet.Client.Distributed;

/// <summary>What an ingest run did.</summary>
/// <param name="Scanned">DICOM candidates found in the folder.</param>
/// <param name="Rejected">Files refused at the door (unreadable header or no UIDs), with reasons; never uploaded.</param>
/// <param name="Uploaded">Instance blobs uploaded by this run.</param>
/// <param name="AlreadyStored">Instance blobs already in the container with the same SHA-256 (not uploaded again).</param>
/// <param name="Reports">Report blobs uploaded (or already there).</param>
/// <param name="Enqueued">Ingest events put on the stream (instances not yet settled).</param>
/// <param name="AlreadySettled">Instances the shards had already settled, so no event was sent.</param>
public sealed record IngestResult(
    int Scanned,
    IReadOnlyList<KeyValuePair<string, string>> Rejected,
    int Uploaded,
    int AlreadyStored,
    int Reports,
    int Enqueued,
    int AlreadySettled);

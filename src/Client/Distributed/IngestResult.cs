namespace RadiologyNet.Client.Distributed;

/// <summary>What an ingest run did.</summary>
/// <param name="Scanned">DICOM candidates found in the folder.</param>
/// <param name="Rejected">Files refused at the door (unreadable header, no well-formed UIDs, or a SOPInstanceUID this run had already ingested); never uploaded.</param>
/// <param name="RejectedExamples">The first rejected files (at most <see cref="Ingest.RejectedFiles.MaxExamples"/>), with reasons.</param>
/// <param name="Uploaded">Instance blobs uploaded by this run.</param>
/// <param name="AlreadyStored">Instance blobs already in the container with the same SHA-256 (not uploaded again).</param>
/// <param name="Reports">Report blobs uploaded by this run (a report already stored with the same text is not uploaded again).</param>
/// <param name="Enqueued">Ingest events put on the stream (instances not yet settled).</param>
/// <param name="AlreadySettled">Instances the shards had already settled, so no event was sent.</param>
public sealed record IngestResult(
    int Scanned,
    int Rejected,
    IReadOnlyList<KeyValuePair<string, string>> RejectedExamples,
    int Uploaded,
    int AlreadyStored,
    int Reports,
    int Enqueued,
    int AlreadySettled);

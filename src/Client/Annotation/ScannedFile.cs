namespace RadiologyNet.Client.Annotation;

/// <summary>
/// A file found in the archive folder: either a DICOM instance with its UIDs or a quarantine reason. The accession
/// number is kept only to find a report keyed by it (RIS exports); it is never written anywhere.
/// </summary>
public sealed record ScannedFile(string RelativePath, string? StudyInstanceUid, string? SeriesInstanceUid, string? SopInstanceUid, string? QuarantineReason,
    string? AccessionNumber = null)
{
    /// <summary>True when the file can be sent for annotation.</summary>
    public bool Accepted => QuarantineReason is null;
}

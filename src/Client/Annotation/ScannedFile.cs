namespace RadiologyNet.Client.Annotation;

/// <summary>A file found in the archive folder: either a DICOM instance with its UIDs or a quarantine reason.</summary>
public sealed record ScannedFile(string RelativePath, string? StudyInstanceUid, string? SeriesInstanceUid, string? SopInstanceUid, string? QuarantineReason)
{
    /// <summary>True when the file can be sent for annotation.</summary>
    public bool Accepted => QuarantineReason is null;
}

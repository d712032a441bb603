namespace RadiologyNet.Dicom.Codecs;

/// <summary>
/// The codec worker died or hung on this frame (or did so before: the frame is marked). The file must be quarantined
/// with this message; the worker has been replaced and other files decode on.
/// </summary>
public sealed class CodecCrashException(string message, string frameSha256) : DicomFormatException(message)
{
    /// <summary>SHA-256 of the encoded frame, the crash marker's name.</summary>
    public string FrameSha256 { get; } = frameSha256;
}

namespace RadiologyNet.Dicom;

/// <summary>The input is not valid DICOM or breaks a limit the reader enforces. The message says what and where.</summary>
public class DicomFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The file uses a transfer syntax this build cannot decode; <see cref="Uid"/> names it, the message says what to install.</summary>
public sealed class UnsupportedTransferSyntaxException(string uid, string? detail = null)
    : DicomFormatException($"unsupported transfer syntax {TransferSyntax.NameOf(uid)} ({uid})" + (detail is null ? "" : $": {detail}"))
{
    public string Uid { get; } = uid;
}

namespace RadiologyNet.Dicom;

/// <summary>The input is not valid DICOM or breaks a limit the reader enforces. The message says what and where.</summary>
public class DicomFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The file uses a transfer syntax this build cannot decode; <see cref="Uid"/> names it.</summary>
public sealed class UnsupportedTransferSyntaxException(string uid)
    : DicomFormatException($"unsupported transfer syntax {TransferSyntax.NameOf(uid)} ({uid})")
{
    public string Uid { get; } = uid;
}

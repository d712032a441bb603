namespace RadiologyNet.Dicom;

/// <summary>A Part 10 file: the File Meta Information (group 0002) and the dataset it describes.</summary>
public sealed class DicomFile(DicomDataset meta, DicomDataset dataset, string? transferSyntaxUid = null, IReadOnlyList<string>? warnings = null)
{
    /// <summary>The File Meta Information exactly as read (empty for a raw dataset without one).</summary>
    public DicomDataset Meta { get; } = meta;

    /// <summary>The dataset.</summary>
    public DicomDataset Dataset { get; } = dataset;

    /// <summary>
    /// The transfer syntax the dataset was read with: the meta group's Transfer Syntax UID, or the one the reader
    /// inferred when the meta group has none (raw datasets); Implicit VR Little Endian when nothing says otherwise.
    /// </summary>
    public string TransferSyntaxUid { get; } = transferSyntaxUid ?? meta.GetString(DicomTags.TransferSyntaxUID) ?? TransferSyntax.ImplicitVRLittleEndian;

    /// <summary>
    /// What the reader tolerated to read the file (a value cut short by the end of the data, a delimiter missing at
    /// the end of the file, ...), each with its byte offset. Empty for a well-formed file.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; } = warnings ?? [];
}

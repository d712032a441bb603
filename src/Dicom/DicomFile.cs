namespace RadiologyNet.Dicom;

/// <summary>A Part 10 file: the File Meta Information (group 0002) and the dataset it describes.</summary>
public sealed class DicomFile(DicomDataset meta, DicomDataset dataset)
{
    public DicomDataset Meta { get; } = meta;
    public DicomDataset Dataset { get; } = dataset;

    /// <summary>The Transfer Syntax UID from the meta group, or Implicit VR Little Endian when absent.</summary>
    public string TransferSyntaxUid => Meta.GetString(DicomTags.TransferSyntaxUID) ?? TransferSyntax.ImplicitVRLittleEndian;
}

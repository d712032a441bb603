namespace RadiologyNet.Dicom;

/// <summary>Writes DICOM Part 10 files (preamble, meta group, dataset) in Explicit or Implicit VR Little Endian.</summary>
public static class DicomWriter
{
    /// <summary>
    /// Writes <paramref name="dataset"/> as a Part 10 file with the given transfer syntax. The meta group is
    /// generated from the dataset's SOP Class/Instance UIDs.
    /// </summary>
    public static void Write(Stream output, DicomDataset dataset, string transferSyntaxUid = TransferSyntax.ExplicitVRLittleEndian) =>
        throw new NotImplementedException();
}

namespace RadiologyNet.Dicom;

/// <summary>The VOI LUT Sequence (0028,3010, PS3.3 C.11.2.1.1): the first item's table, output scaled to [0, 1].</summary>
public static class VoiLut
{
    /// <summary>VOI LUT Sequence (0028,3010).</summary>
    public static readonly DicomTag VoiLutSequence = new(0x0028, 0x3010);

    /// <summary>
    /// The first item's table, or null when the sequence is absent or its first item unusable. The first-mapped value is
    /// signed when the descriptor is SS or PixelRepresentation is 1, or when a rescale intercept is negative (the input
    /// is the modality output, which may then be negative).
    /// </summary>
    public static LookupTable? From(DicomDataset ds)
    {
        if (ds.GetSequence(VoiLutSequence) is not [var item, ..]) return null;
        var signed = ds.GetInt(DicomTags.PixelRepresentation) == 1 || ModalityLut.FirstNumber(ds, DicomTags.RescaleIntercept) < 0;
        return LookupTable.FromItem(item, signed);
    }

    /// <summary>entry(x) / (2^bits − 1), clamped to [0, 1].</summary>
    public static float Map(LookupTable table, double x) => Math.Clamp(table.Map(x) / (float)table.MaxOutput, 0f, 1f);
}

namespace RadiologyNet.Dicom;

/// <summary>
/// One data element. Non-sequence values are kept as raw bytes in the dataset's byte order
/// (always little endian once read); <see cref="Items"/> holds sequence items for SQ.
/// Encapsulated pixel data keeps its fragments in <see cref="Fragments"/>.
/// </summary>
public sealed class DicomElement
{
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value)
    {
        Tag = tag;
        VR = vr;
        Value = value;
    }

    public DicomElement(DicomTag tag, IReadOnlyList<DicomDataset> items)
    {
        Tag = tag;
        VR = DicomVR.SQ;
        Items = items;
    }

    public DicomElement(DicomTag tag, DicomVR vr, IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    {
        Tag = tag;
        VR = vr;
        Fragments = fragments;
    }

    public DicomTag Tag { get; }
    public DicomVR VR { get; }

    /// <summary>The value bytes (little endian; text values keep their padding). Empty for sequences and encapsulated data.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Sequence items when <see cref="VR"/> is SQ; otherwise null.</summary>
    public IReadOnlyList<DicomDataset>? Items { get; }

    /// <summary>Encapsulated pixel data fragments (item 0 is the Basic Offset Table, possibly empty); otherwise null.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Fragments { get; }

    /// <summary>True when the element is encapsulated (compressed) pixel data.</summary>
    public bool IsEncapsulated => Fragments is not null;
}

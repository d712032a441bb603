using RadiologyNet.Dicom;
using RadiologyNet.Features.Regions;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>The labels used to judge clusters: the Modality tag (upper-cased, "UNKNOWN" when empty) and the normalised region.</summary>
public static class LabelTags
{
    /// <summary>Placeholder for an absent label.</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The Modality tag.</summary>
    public static string Modality(DicomDataset dataset) => Clean(dataset.GetString(DicomTags.Modality));

    /// <summary>The region: BodyPartExamined through synonym rules, else from the descriptions (see <see cref="RegionNormalizer"/>).</summary>
    public static string Region(DicomDataset dataset) => RegionNormalizer.Normalize(dataset);

    private static string Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Unknown : value.Trim().ToUpperInvariant();
}

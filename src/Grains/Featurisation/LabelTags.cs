using RadiologyNet.Dicom;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>The label tags used to judge clusters: Modality and BodyPartExamined, upper-cased, "UNKNOWN" when empty.</summary>
public static class LabelTags
{
    /// <summary>Placeholder for an absent label.</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The Modality tag.</summary>
    public static string Modality(DicomDataset dataset) => Clean(dataset.GetString(DicomTags.Modality));

    /// <summary>The BodyPartExamined tag (synonym normalisation comes with the region normaliser).</summary>
    public static string Region(DicomDataset dataset) => Clean(dataset.GetString(DicomTags.BodyPartExamined));

    private static string Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Unknown : value.Trim().ToUpperInvariant();
}

namespace RadiologyNet.Grains;

/// <summary>An upper estimate of the serialised size of what a page carries, so a shard can bound its pages in bytes.</summary>
internal static class PageBytes
{
    private const int Overhead = 32;

    /// <summary>The vector at four bytes a value, every string at up to two bytes a character, and a fixed overhead.</summary>
    public static long Of(FeaturisedInstance instance) =>
        Overhead + 4L * instance.Fused.Length + 2L * (instance.SopInstanceUid.Length + instance.StudyInstanceUid.Length
            + instance.Modality.Length + instance.Region.Length + instance.Manufacturer.Length);

    /// <summary>The strings at up to two bytes a character, the labels at five bytes each, and a fixed overhead.</summary>
    public static long Of(LabelRow row) =>
        Overhead + 5L * row.Labels.Length + 2L * (row.SopInstanceUid.Length + row.Modality.Length + row.Region.Length);

    /// <summary>The strings at up to two bytes a character, the numbers at 16 bytes, and a fixed overhead.</summary>
    public static long Of(Exemplar exemplar) =>
        Overhead + 16 + 2L * (exemplar.SopInstanceUid.Length + exemplar.StudyInstanceUid.Length + exemplar.Modality.Length + exemplar.Region.Length
            + exemplar.Manufacturer.Length);

    /// <summary>Both strings at up to two bytes a character, and a fixed overhead.</summary>
    public static long Of(QuarantinedInstance entry) => Overhead + 2L * (entry.SopInstanceUid.Length + entry.Reason.Length);
}

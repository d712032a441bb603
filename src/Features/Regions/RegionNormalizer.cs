using System.Globalization;
using System.Text;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Regions;

/// <summary>
/// The anatomical-region label, as the RadiologyNET authors derived it: BodyPartExamined mapped through
/// synonym rules; when it is empty or unmappable, the first description that maps (RequestedProcedureDescription,
/// StudyDescription, ProtocolName, SeriesDescription, PerformedProcedureStepDescription); for CR, NECK becomes
/// CSPINE and HEAD becomes SKULL. Regions: ABDOMEN, ANKLE, ARM, BREAST, CHEST, CSPINE, ELBOW, FOOT, HAND, HEAD,
/// HEART, HIP, KNEE, LEG, LSPINE, NECK, PELVIS, SHOULDER, SKULL, SPINE, TSPINE, WHOLEBODY, WRIST, or UNKNOWN.
/// This is an evaluation label: it never enters a feature vector unless label tags are enabled.
/// </summary>
public static class RegionNormalizer
{
    /// <summary>The label when nothing maps.</summary>
    public const string Unknown = "UNKNOWN";

    private static readonly DicomTag RequestedProcedureDescription = new(0x0032, 0x1060);
    private static readonly DicomTag PerformedProcedureStepDescription = new(0x0040, 0x0254);

    /// <summary>The region of a dataset.</summary>
    public static string Normalize(DicomDataset dataset) => Normalize(
        dataset.GetString(DicomTags.Modality),
        dataset.GetString(DicomTags.BodyPartExamined),
        [
            dataset.GetString(RequestedProcedureDescription), dataset.GetString(DicomTags.StudyDescription),
            dataset.GetString(DicomTags.ProtocolName), dataset.GetString(DicomTags.SeriesDescription),
            dataset.GetString(PerformedProcedureStepDescription),
        ]);

    /// <summary>The region from the tag values, descriptions in priority order.</summary>
    public static string Normalize(string? modality, string? bodyPartExamined, IEnumerable<string?> descriptions)
    {
        var isMr = string.Equals(modality?.Trim(), "MR", StringComparison.OrdinalIgnoreCase);
        var region = Match(bodyPartExamined);
        if (region is null)
        {
            foreach (var description in descriptions)
            {
                region = Match(description);
                if (region is not null) break;
            }
        }
        if (region is null && isMr && descriptions.Any(d => d is not null && RegionRules.MrNeuroSequences.IsMatch(Fold(d))))
            region = "HEAD";
        region ??= Unknown;
        if (string.Equals(modality?.Trim(), "CR", StringComparison.OrdinalIgnoreCase))
            region = region switch { "NECK" => "CSPINE", "HEAD" => "SKULL", _ => region };
        return region;
    }

    /// <summary>The first region whose rule matches the text, or null.</summary>
    public static string? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = Fold(text);
        foreach (var (region, pattern) in RegionRules.Ordered)
            if (pattern.IsMatch(folded)) return region;
        return null;
    }

    /// <summary>The coarse group of a region (HEAD, NECK, CHEST, BREAST, ABDOMEN, PELVIS, SPINE, UPPER_LIMB, LOWER_LIMB, WHOLEBODY, UNKNOWN).</summary>
    public static string ToCoarse(string region) => region switch
    {
        "HEAD" or "SKULL" => "HEAD",
        "NECK" => "NECK",
        "CHEST" or "HEART" => "CHEST",
        "BREAST" => "BREAST",
        "ABDOMEN" => "ABDOMEN",
        "PELVIS" or "HIP" => "PELVIS",
        "CSPINE" or "TSPINE" or "LSPINE" or "SPINE" => "SPINE",
        "SHOULDER" or "ELBOW" or "WRIST" or "HAND" or "ARM" => "UPPER_LIMB",
        "KNEE" or "ANKLE" or "FOOT" or "LEG" => "LOWER_LIMB",
        "WHOLEBODY" => "WHOLEBODY",
        _ => Unknown,
    };

    /// <summary>Upper-case ASCII: diacritics removed (ß → SS), every other character a space.</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Replace("ß", "SS", StringComparison.Ordinal).ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            result.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : c == 'Đ' ? 'D' : ' ');
        }
        return result.ToString();
    }
}

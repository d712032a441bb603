using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Text;

/// <summary>
/// The DICOM attributes that name or identify the people and the place of a study — patient names and IDs, accession
/// number, physicians, operators, institution — read only so that their words can be kept out of report terms
/// (<see cref="DistinctiveTerms"/>), and an opaque key that tells whether two studies are of one patient.
/// Nothing here is ever stored or written out.
/// </summary>
public static class IdentifyingTags
{
    /// <summary>The identifying attributes whose words are dropped from the study's report terms.</summary>
    public static IReadOnlyList<DicomTag> Tags { get; } =
    [
        DicomTags.PatientName, DicomTags.PatientID, DicomTags.IssuerOfPatientID, DicomTags.OtherPatientIDs, DicomTags.OtherPatientNames,
        DicomTags.PatientBirthName, DicomTags.PatientMotherBirthName, DicomTags.PatientAddress, DicomTags.PatientTelephoneNumbers,
        DicomTags.AccessionNumber, DicomTags.StudyID, DicomTags.InstitutionName, DicomTags.InstitutionAddress,
        DicomTags.InstitutionalDepartmentName, DicomTags.StationName, DicomTags.ReferringPhysicianName, DicomTags.ReferringPhysicianAddress,
        DicomTags.PhysiciansOfRecord, DicomTags.PerformingPhysicianName, DicomTags.NameOfPhysiciansReadingStudy, DicomTags.OperatorsName,
        DicomTags.RequestingPhysician,
    ];

    /// <summary>
    /// Adds to <paramref name="tokens"/> the <see cref="Fold">folded</see> letter runs of every identifying attribute of
    /// <paramref name="dataset"/> (person-name components, the letters of IDs) and of the IDs in Other Patient IDs Sequence.
    /// </summary>
    public static void AddTokens(DicomDataset dataset, ISet<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var tag in Tags) AddWords(dataset.GetString(tag), tokens);
        foreach (var item in dataset.GetSequence(DicomTags.OtherPatientIDsSequence)) AddWords(item.GetString(DicomTags.PatientID), tokens);
    }

    /// <summary>An opaque key of the patient (a SHA-256 of PatientID), equal for two studies of one patient; null without a PatientID.</summary>
    public static string? PatientKey(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var id = dataset.GetString(DicomTags.PatientID)?.Trim();
        return string.IsNullOrEmpty(id) ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    /// <summary>The form two words are compared in: lower case, without diacritics ("Zoë" and "ZOE" match).</summary>
    public static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) kept.Append(c);
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    private static void AddWords(string? value, ISet<string> tokens)
    {
        if (string.IsNullOrEmpty(value)) return;
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var letter = i < value.Length && char.IsLetter(value[i]);
            if (letter && start < 0) start = i;
            if (letter || start < 0) continue;
            tokens.Add(Fold(value[start..i]));
            start = -1;
        }
    }
}

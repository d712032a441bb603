namespace RadiologyNet.Dicom;

/// <summary>
/// The syntax of a UID (VR UI, PS3.5 §9.1): numeric components of digits separated by '.', at most 64 characters.
/// Enforced where an instance enters the system, because UIDs become grain keys, blob names and CSV cells.
/// Components with a leading zero ("1.2.03") break §9.1 but are common in real archives and harmless, so they are accepted;
/// everything that could alias a path or start a formula (other characters, empty components, over-long values) is refused.
/// </summary>
public static class UidSyntax
{
    /// <summary>The longest UID the standard allows, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="uid"/> is a well-formed UID.</summary>
    public static bool IsValid(string? uid) => Problem(uid) is null;

    /// <summary>Why <paramref name="uid"/> is not a well-formed UID, or null when it is. Never quotes the value: it is untrusted input.</summary>
    public static string? Problem(string? uid)
    {
        if (string.IsNullOrEmpty(uid)) return "missing";
        if (uid.Length > MaxLength) return $"longer than {MaxLength} characters";
        var componentLength = 0;
        foreach (var c in uid)
        {
            if (c == '.')
            {
                if (componentLength == 0) return "has an empty component";
                componentLength = 0;
            }
            else if (c is >= '0' and <= '9') componentLength++;
            else return "has a character other than a digit or '.'";
        }
        return componentLength == 0 ? "has an empty component" : null;
    }

    /// <summary>
    /// The quarantine reason for the first of an instance's Study, Series and SOP Instance UIDs that is not well formed, or
    /// null when all three are; names the attribute, never its value.
    /// </summary>
    public static string? InstanceProblem(string? study, string? series, string? sop) =>
        Describe("StudyInstanceUID", study) ?? Describe("SeriesInstanceUID", series) ?? Describe("SOPInstanceUID", sop);

    private static string? Describe(string attribute, string? uid) =>
        Problem(uid) is { } problem ? (problem == "missing" ? $"missing {attribute}" : $"invalid {attribute}: {problem}") : null;
}

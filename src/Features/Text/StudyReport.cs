namespace RadiologyNet.Features.Text;

/// <summary>One study's report for term statistics, with who it is about.</summary>
/// <param name="Text">The report text.</param>
/// <param name="PatientKey">An opaque key, equal for two studies of one patient (<see cref="IdentifyingTags.PatientKey"/>).</param>
/// <param name="IdentifyingTokens">
/// The <see cref="IdentifyingTags.Fold">folded</see> words of the study's identifying attributes
/// (<see cref="IdentifyingTags.AddTokens"/>); used only to keep them out of terms, never output.
/// </param>
public sealed record StudyReport(string Text, string PatientKey, IReadOnlySet<string> IdentifyingTokens);

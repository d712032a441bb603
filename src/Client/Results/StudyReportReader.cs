using System.Security.Cryptography;
using System.Text;
using RadiologyNet.Dicom;
using RadiologyNet.Features.Text;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Results;

/// <summary>
/// A study's report for the cluster terms, with who it is about: the text, an opaque patient key and the words of the
/// study's identifying attributes (<see cref="IdentifyingTags"/>), read from the header of one instance per series.
/// Nothing read here is kept beyond the term statistics or written out.
/// </summary>
/// <remarks>
/// A study none of whose instances can be read (gone, unreadable, no archive at hand) gives no report: whose report it
/// is cannot be told, so it cannot be kept from naming its patient. A study without a PatientID counts as its own patient.
/// </remarks>
/// <param name="reportText">The report text of a study, or null.</param>
/// <param name="archive">Where the instances are read from (a folder or blob container); null when no archive is at hand.</param>
public sealed class StudyReportReader(Func<string, Task<string?>> reportText, IArchiveSource? archive)
{
    /// <summary>The header read: tags only (a deflated file inflates at most <see cref="DicomReaderOptions.MaxHeaderBytes"/>).</summary>
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>The report of <paramref name="study"/>, whose instances include <paramref name="files"/> (archive sources), or null.</summary>
    public async Task<StudyReport?> ReadAsync(string study, IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        var text = await reportText(study);
        if (string.IsNullOrWhiteSpace(text) || archive is null) return null;
        var identifying = new HashSet<string>(StringComparer.Ordinal);
        var patients = new SortedSet<string>(StringComparer.Ordinal);
        var read = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DicomDataset dataset;
            try
            {
                dataset = DicomReader.Read(await archive.ReadAsync(file, cancellationToken), HeaderOnly).Dataset;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue;
            }
            read++;
            IdentifyingTags.AddTokens(dataset, identifying);
            if (IdentifyingTags.PatientKey(dataset) is { } key) patients.Add(key);
        }
        if (read == 0) return null;
        var patient = patients.Count > 0 ? string.Join('+', patients) : "study:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(study)));
        return new StudyReport(text, patient, identifying);
    }
}

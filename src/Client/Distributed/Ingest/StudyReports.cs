using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Blobs;
using RadiologyNet.Features;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Distributed.Ingest;

/// <summary>
/// Each study's report, settled the first time the ingest meets the study, before any of its instances is enqueued: the
/// report the library holds (by StudyInstanceUID, else by the instance's accession number) is offered as
/// <c>reports/STUDY.txt</c>; a study the library has no report for has one when an earlier run stored it. The answer is
/// what the study's events carry as <see cref="Grains.InstanceArrived.HasReport"/>. Decisions are remembered for the
/// <see cref="Capacity"/> studies met most recently (an archive's files come study by study), so memory does not grow with
/// the archive; a study met again after that costs one more properties request and changes nothing.
/// An instance whose accession number finds a report the study's earlier instances did not carry (they had none) decides
/// the study again; those earlier events went out saying "no report".
/// </summary>
public sealed class StudyReports(ReportLibrary library, BlobOffer offer, BlobContainerClient container)
{
    /// <summary>Studies whose decision is remembered.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _recent = new(StringComparer.Ordinal);
    private int _uploaded;

    /// <summary>Report blobs this run uploaded.</summary>
    public int Uploaded => Volatile.Read(ref _uploaded);

    /// <summary>Whether the study has a report in the container, uploading it first when the library has one.</summary>
    public async Task<bool> HasReportAsync(string study, string? accessionNumber, CancellationToken cancellationToken)
    {
        if (_recent.Count >= Capacity) _recent.Clear();
        var decision = _recent.GetOrAdd(study, _ => new Lazy<Task<bool>>(() => DecideAsync(study, accessionNumber, cancellationToken)));
        if (await decision.Value || library.FindByAccession(accessionNumber) is null) return await decision.Value;
        var again = new Lazy<Task<bool>>(() => DecideAsync(study, accessionNumber, cancellationToken));
        return await _recent.AddOrUpdate(study, again, (_, current) => current == decision ? again : current).Value;
    }

    private async Task<bool> DecideAsync(string study, string? accessionNumber, CancellationToken cancellationToken)
    {
        var name = BlobNaming.Report(study);
        if (library.Find(study, accessionNumber) is { } text)
        {
            if (await offer.OfferAsync(name, Encoding.UTF8.GetBytes(text), cancellationToken) == BlobOfferOutcome.Uploaded) Interlocked.Increment(ref _uploaded);
            return true;
        }
        return await container.GetBlobClient(name).ExistsAsync(cancellationToken);
    }
}

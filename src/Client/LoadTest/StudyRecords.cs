using System.Runtime.CompilerServices;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Client.LoadTest;

/// <summary>
/// Reads what the study grains know of a synthetic archive (the client's rows path: <see cref="IStudyGrain.GetInstances"/>),
/// regenerating the studies instead of listing them; a bounded batch of studies is asked at once, the results come in order.
/// </summary>
public static class StudyRecords
{
    /// <summary>Studies asked at once.</summary>
    public const int Batch = 64;

    /// <summary>Every study with its ingest events and the study grain's records of them (by SOPInstanceUID).</summary>
    public static async IAsyncEnumerable<(SyntheticStudy Study, IReadOnlyList<InstanceArrived> Events, IReadOnlyDictionary<string, InstanceRecord> Records)> ReadAsync(
        IClusterClient client, SyntheticArchive archive, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in archive.Studies().Chunk(Batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var records = await Task.WhenAll(chunk.Select(s => client.GetGrain<IStudyGrain>(s.StudyInstanceUid).GetInstances()));
            for (var i = 0; i < chunk.Length; i++)
                yield return (chunk[i], archive.Events(chunk[i]).ToList(), records[i].ToDictionary(r => r.SopInstanceUid, StringComparer.Ordinal));
        }
    }
}

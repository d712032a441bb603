using System.Globalization;
using System.Text;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.LoadTest;

/// <summary>What was published: instances, studies, and the largest study.</summary>
public sealed record IngestTotals(long Instances, long Studies, int LargestStudy);

/// <summary>
/// Publishes a synthetic archive's ingest events study by study (never holding more than the studies in flight), writing
/// each instance's true component to truth.csv as it goes, and staying at most a window of instances ahead of what has
/// settled, so the stream queues stay bounded however large the archive is.
/// </summary>
public static class SyntheticIngest
{
    /// <summary>Studies whose events are being published at once (each study's events stay in order).</summary>
    public const int StudiesInFlight = 32;

    /// <summary>The header of truth.csv (the key <c>radnet evaluate --truth</c> joins on, and the label).</summary>
    public const string TruthHeader = "sop_instance_uid,component";

    /// <summary>Publishes every event; returns how many instances and studies were published.</summary>
    /// <param name="client">A client of the cluster.</param>
    /// <param name="archive">The archive.</param>
    /// <param name="truthCsv">Where truth.csv goes.</param>
    /// <param name="settled">The instances settled so far (since the load test began).</param>
    /// <param name="window">Most instances published and not yet settled.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    public static async Task<IngestTotals> PublishAsync(IClusterClient client, SyntheticArchive archive, string truthCsv, Func<Task<long>> settled, int window,
        CancellationToken cancellationToken)
    {
        var queue = await IngestQueue.OpenAsync(client.ServiceProvider, cancellationToken);
        await using var truth = new StreamWriter(truthCsv, false, new UTF8Encoding(false));
        await truth.WriteLineAsync(TruthHeader);
        var inFlight = new List<Task>();
        var published = 0L;
        var known = 0L;
        var studies = 0L;
        var largest = 0;
        foreach (var study in archive.Studies())
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (published - known > window)
            {
                known = await settled();
                if (published - known > window) await Task.Delay(50, cancellationToken);
            }
            if (inFlight.Count >= StudiesInFlight)
            {
                var done = await Task.WhenAny(inFlight);
                await done;
                inFlight.Remove(done);
            }
            var events = archive.Events(study).ToList();
            foreach (var e in events) await truth.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{e.SopInstanceUid},{study.Component}"));
            inFlight.Add(PublishStudyAsync(queue, events));
            published += events.Count;
            studies++;
            largest = Math.Max(largest, events.Count);
        }
        await Task.WhenAll(inFlight);
        return new IngestTotals(published, studies, largest);
    }

    /// <summary>A study's events in order, through the queue adapter (<see cref="IngestQueue"/>: no stream handle kept per study).</summary>
    private static async Task PublishStudyAsync(IngestQueue queue, IReadOnlyList<InstanceArrived> events)
    {
        foreach (var e in events) await queue.PublishAsync(e);
    }
}

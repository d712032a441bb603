using System.Text.Json;
using System.Text.Json.Serialization;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.LoadTest;

/// <summary>Ingest figures: what was published and how fast it settled.</summary>
/// <param name="Studies">Studies published.</param>
/// <param name="MeanStudySize">Instances per study.</param>
/// <param name="LargestStudy">The largest study.</param>
/// <param name="Published">Instances published.</param>
/// <param name="Settled">Instances settled (annotated, pending, quarantined or duplicate) when ingest ended.</param>
/// <param name="Seconds">From the first event published to the last settled.</param>
/// <param name="SettledPerSecond">Settled over seconds.</param>
/// <param name="PeakSettledPerSecond">The fastest one-second interval.</param>
/// <param name="PeakRssBytes">The largest resident set sampled while ingesting (the run's peak also covers the query verbs and the client-side scoring).</param>
/// <param name="Samples">Settled instances and resident set, every second.</param>
public sealed record IngestFigures(long Studies, double MeanStudySize, int LargestStudy, long Published, long Settled, double Seconds,
    double SettledPerSecond, double PeakSettledPerSecond, long PeakRssBytes, IReadOnlyList<SettleSample> Samples);

/// <summary>Storage requests and bytes written, counted at the grain-storage and segment-store boundaries of the silo.</summary>
/// <param name="Counted">False when the silo's storage was not wrapped (a running cluster): the other figures are then zero, not measured.</param>
/// <param name="GrainStorageRequests">Grain-state reads, writes and clears.</param>
/// <param name="GrainStorageBytesWritten">Grain-state bytes written (serialised).</param>
/// <param name="SegmentRequests">Shard segment store calls.</param>
/// <param name="SegmentBytesWritten">Segment bytes written.</param>
/// <param name="RequestsPerInstance">All requests over instances.</param>
/// <param name="BytesWrittenPerInstance">All bytes written over instances.</param>
public sealed record StorageFigures(bool Counted, long GrainStorageRequests, long GrainStorageBytesWritten, long SegmentRequests, long SegmentBytesWritten,
    double RequestsPerInstance, double BytesWrittenPerInstance);

/// <summary>The largest grain message the silo measured (request arguments or reply, serialised).</summary>
public sealed record MessageFigures(long LargestBytes, string Method, long MessagesMeasured);

/// <summary>A timed model-wide step, or the error it failed with.</summary>
public sealed record PhaseTiming(string Phase, double Seconds, string? Error);

/// <summary>Everything <c>radnet loadtest</c> measured; written to loadtest.json.</summary>
public sealed record LoadTestReport(
    string Mode,
    LoadTestSettings Settings,
    IngestFigures Ingest,
    long PeakRssBytes,
    string PeakRssScope,
    string SiloRss,
    IReadOnlyList<StagePeak> PeakRssByStage,
    StorageFigures Storage,
    MessageFigures LargestMessage,
    IReadOnlyList<PhaseTiming> Phases,
    IReadOnlyList<LabelEvaluation> LabelEvaluation,
    IReadOnlyList<VerbTiming> Verbs,
    QualityFigures? QualityBeforeRefinement,
    QualityFigures? Quality,
    string? QualityError,
    double TotalSeconds)
{
    /// <summary>snake_case, indented; NaN written as "NaN".</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

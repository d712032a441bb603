using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// Every instrument of the meter <c>RadiologyNet</c>, one per silo (a DI singleton made from <see cref="IMeterFactory"/>).
/// Names and units follow the OpenTelemetry semantic conventions (dotted lower-case names under the <c>radnet.</c>
/// namespace, UCUM units, <c>{instance}</c> annotations for counts). The Prometheus exporter renders a name with
/// underscores, the unit as a suffix and <c>_total</c> on counters: <c>radnet.instances.ingested</c> becomes
/// <c>radnet_instances_ingested_total</c>, <c>radnet.featurisation.stage.duration</c> (s) becomes
/// <c>radnet_featurisation_stage_duration_seconds_bucket|_sum|_count</c>.
/// Every attribute has a bounded set of values and none carries PHI or a UID: model names (configuration), stage
/// names (<see cref="FeaturisationStage"/>), quarantine categories (<see cref="QuarantineCategory"/>), cluster ids
/// (bounded by k, at most a few hundred per model), label and quality-metric names.
/// </summary>
public sealed class RadnetMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = RadnetTracing.SourceName;

    private static readonly double[] StageBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] RefinementBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly KeyValuePair<string, object?>[][] StageTags =
        Enum.GetValues<FeaturisationStage>().Select(s => new[] { Tag("radnet.featurisation.stage", s.ToString().ToLowerInvariant()) }).ToArray();

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _featurised;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _assigned;
    private readonly Histogram<double> _stageDuration;
    private readonly Histogram<double> _refinementDuration;
    private readonly List<Func<(int Decode, int Inference)>> _queues = [];
    private readonly LatestValues<(string Model, int Cluster)> _clusterSizes = new(k => [Tag("radnet.model", k.Model), Tag("radnet.cluster", k.Cluster)]);
    private readonly LatestValues<(string Model, string Label, string Metric)> _quality =
        new(k => [Tag("radnet.model", k.Model), Tag("radnet.label", k.Label), Tag("radnet.quality.metric", k.Metric)]);
    private readonly LatestValues<(string Model, string Kind)> _refinementCost = new(k => [Tag("radnet.model", k.Model), Tag("radnet.cost", k.Kind)]);

    /// <summary>Creates the instruments on a meter of the given factory.</summary>
    public RadnetMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        _ingested = meter.CreateCounter<long>("radnet.instances.ingested", "{instance}",
            "Instances whose ingest event reached a study grain for the first time (redeliveries of settled instances excluded)");
        _featurised = meter.CreateCounter<long>("radnet.instances.featurised", "{instance}", "Instances featurised into a fused vector");
        _quarantined = meter.CreateCounter<long>("radnet.instances.quarantined", "{instance}", "Instances quarantined, by reason category");
        _assigned = meter.CreateCounter<long>("radnet.instances.assigned", "{instance}",
            "Cluster assignments made by the coordinator, by phase (bootstrap, online, reassign, refinement)");
        _stageDuration = meter.CreateHistogram("radnet.featurisation.stage.duration", "s", "Duration of one featurisation stage of one instance",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBuckets });
        _refinementDuration = meter.CreateHistogram("radnet.refinement.duration", "s", "Duration of one k-medoids refinement pass",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RefinementBuckets });
        meter.CreateObservableGauge("radnet.onnx.queue.depth", ObserveQueues, "{instance}",
            "Instances waiting in the featurisation pipeline: to be read and decoded (decode), or decoded and waiting for an image-model session (inference)");
        meter.CreateObservableUpDownCounter("radnet.ingest.backlog", () => InFlight.Count, "{instance}",
            "Ingest events received by study grains on this silo and not yet settled");
        meter.CreateObservableGauge("radnet.ingest.lag", () => InFlight.OldestAgeSeconds, "s",
            "Age of the oldest ingest event received on this silo and not yet settled");
        meter.CreateObservableGauge("radnet.cluster.size", _clusterSizes.Observe, "{instance}", "Members of each cluster hosted on this silo");
        meter.CreateObservableGauge("radnet.cluster.quality", _quality.Observe, "1",
            "Latest evaluation of the clusters against a label (modality or region): homogeneity, completeness, v-measure, NMI (arithmetic), mutual information (nats), AMI, ARI");
        meter.CreateObservableGauge("radnet.refinement.cost", _refinementCost.Observe, "{distance}",
            "Total Manhattan deviation of the latest refinement pass (after), the cost before it (before) and on its sample (sample)");
    }

    /// <summary>The instances in flight on this silo (backlog and lag gauges).</summary>
    public InFlightInstances InFlight { get; } = new();

    /// <summary>An instance's ingest event reached its study grain, not yet settled.</summary>
    public void Ingested() => _ingested.Add(1);

    /// <summary>An instance was featurised.</summary>
    public void Featurised() => _featurised.Add(1);

    /// <summary>An instance was quarantined.</summary>
    public void Quarantined(QuarantineCategory category) => _quarantined.Add(1, Tag("radnet.quarantine.reason", category.Label()));

    /// <summary>The coordinator assigned instances in a phase (bootstrap, online, reassign, refinement).</summary>
    public void Assigned(string model, string phase, long count)
    {
        if (count > 0) _assigned.Add(count, Tag("radnet.model", model), Tag("radnet.assignment.phase", phase));
    }

    /// <summary>Records one stage's duration since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void StageCompleted(FeaturisationStage stage, long startTimestamp) =>
        _stageDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, StageTags[(int)stage]);

    /// <summary>Adds a featurisation pipeline whose queue lengths the depth gauge reports.</summary>
    public void ObserveQueues(Func<(int Decode, int Inference)> queues)
    {
        lock (_queues) _queues.Add(queues);
    }

    /// <summary>The latest member count of one cluster (hosted on this silo).</summary>
    public void ClusterSize(string model, int cluster, long members) => _clusterSizes.Set((model, cluster), members);

    /// <summary>A cluster left this silo (its grain deactivated): its series ends here.</summary>
    public void ClusterGone(string model, int cluster) => _clusterSizes.Remove((model, cluster));

    /// <summary>The latest quality evaluation of a model against each label.</summary>
    public void Quality(string model, IEnumerable<LabelEvaluation> evaluations)
    {
        foreach (var e in evaluations)
        {
            _quality.Set((model, e.Label, "homogeneity"), e.Homogeneity);
            _quality.Set((model, e.Label, "completeness"), e.Completeness);
            _quality.Set((model, e.Label, "v_measure"), e.VMeasure);
            _quality.Set((model, e.Label, "nmi"), e.VMeasure); // V-measure is NMI with the arithmetic mean (Becker 2011)
            _quality.Set((model, e.Label, "mutual_information"), e.MutualInformation);
            _quality.Set((model, e.Label, "ami"), e.AdjustedMutualInformation);
            _quality.Set((model, e.Label, "ari"), e.AdjustedRandIndex);
        }
    }

    /// <summary>A refinement pass finished: its duration and costs.</summary>
    public void Refined(string model, RefinementResult result)
    {
        _refinementDuration.Record(result.Seconds, Tag("radnet.model", model));
        _refinementCost.Set((model, "after"), result.TotalDeviation);
        _refinementCost.Set((model, "before"), result.PreviousCost);
        _refinementCost.Set((model, "sample"), result.SampleCost);
    }

    private IEnumerable<Measurement<int>> ObserveQueues()
    {
        Func<(int Decode, int Inference)>[] queues;
        lock (_queues) queues = [.. _queues];
        var (decode, inference) = (0, 0);
        foreach (var q in queues)
        {
            var (d, i) = q();
            decode += d;
            inference += i;
        }
        return [new(decode, Tag("radnet.queue", "decode")), new(inference, Tag("radnet.queue", "inference"))];
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}

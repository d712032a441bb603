using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// One study. Subscribed implicitly to the study's ingest stream; featurises each instance once and hands
/// the fused vector to its shard and then to its silo's <see cref="AssignerGrain"/>. Quarantines, with the reason, what it cannot read.
/// The instance's shard is the record of what has settled, so a redelivered event, even one that reaches a new
/// activation after a silo died mid-way, is recognised and counted once. Assignments interleave with processing
/// (the coordinator may be waiting on them while a study waits on the coordinator); writes go through one
/// <see cref="GroupCommit"/> so they never overlap. Each event starts the instance's trace (<see cref="RadnetTracing"/>) and
/// counts into <see cref="RadnetMetrics"/>. Placed at random: every study costs about the same, so random placement spreads
/// the featurisation evenly, where Orleans' default (resource-optimised) placement can pile a burst onto one silo.
/// </summary>
[ImplicitStreamSubscription(StreamNames.IngestNamespace)]
[Orleans.Placement.RandomPlacement]
public sealed class StudyGrain(
    [PersistentState("study", StorageNames.Grains)] IPersistentState<StudyState> state,
    InstanceFeaturizer featurizer,
    RadnetMetrics metrics,
    IOptions<AnnotationOptions> options,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    private readonly AnnotationOptions _options = options.Value;
    private readonly GroupCommit _commit = new(state.WriteStateAsync, TimeSpan.Zero);
    private float[]? _reportVector;
    private bool _reportLoaded;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((instance, _) => Process(instance));
    }

    /// <inheritdoc />
    public async Task Process(InstanceArrived instance)
    {
        using var trace = RadnetTracing.StartInstance(_options.ModelName);
        var shard = GrainFactory.GetGrain<IEmbeddingShardGrain>(
            ShardRouting.ShardKey(_options.ModelName, ShardRouting.ShardOf(instance.SopInstanceUid, _options.Shards)));
        if ((await shard.Unsettled([instance.SopInstanceUid])).Count == 0)
        {
            await shard.CountDuplicate();
            trace?.SetTag("radnet.outcome", "duplicate");
            return;
        }
        metrics.Ingested();
        using var inFlight = metrics.InFlight.Begin();

        FeaturisedInstance featurised;
        try
        {
            if (!_reportLoaded)
            {
                _reportVector = instance.HasReport == false ? null : await featurizer.EmbedReportAsync(instance.StudyInstanceUid);
                _reportLoaded = true;
            }
            featurised = await featurizer.FeaturiseAsync(instance, _reportVector);
        }
        catch (QuarantineException e)
        {
            logger.LogWarning("Quarantined an instance: {Reason}", e.Message);
            await Record(instance, InstanceStatus.Quarantined, e.Message, featurised: null);
            await shard.AddQuarantined(instance.SopInstanceUid, e.Message);
            metrics.Quarantined(e.Category);
            trace?.SetTag("radnet.outcome", "quarantined").SetTag("radnet.quarantine.reason", e.Category.Label());
            return;
        }
        metrics.Featurised();

        // The study's record is written before the shard settles the instance: if this silo dies in between, the
        // shard does not know the instance, so the redelivered event (or the reconciler) processes it again.
        await Record(instance, InstanceStatus.Pending, null, featurised);
        await shard.Add([featurised]);
        var assignments = await GrainFactory.GetGrain<IAssignerGrain>(_options.ModelName).Assign([featurised]);
        await ApplyAssignments(assignments);
        // Before the model bootstraps the instance waits in its shard; the bootstrap assigns it in the trace of the instance that triggered it.
        trace?.SetTag("radnet.outcome", assignments.Count > 0 ? "assigned" : "pending");
        if (assignments.Count > 0) trace?.SetTag("radnet.cluster", assignments[0].Cluster);
    }

    /// <inheritdoc />
    public async Task ApplyAssignments(IReadOnlyList<Assignment> assignments)
    {
        var changed = false;
        foreach (var a in assignments)
        {
            if (!state.State.Instances.TryGetValue(a.SopInstanceUid, out var record)) continue;
            if (state.State.AssignmentVersions.TryGetValue(a.SopInstanceUid, out var seen) && seen > a.ModelVersion) continue;
            state.State.Instances[a.SopInstanceUid] = record with { Status = InstanceStatus.Annotated, Cluster = a.Cluster, Distance = a.Distance };
            state.State.AssignmentVersions[a.SopInstanceUid] = a.ModelVersion;
            changed = true;
        }
        if (changed) await _commit.Persist();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> GetInstances() =>
        Task.FromResult<IReadOnlyList<InstanceRecord>>(state.State.Instances.Values.ToList());

    private Task Record(InstanceArrived instance, InstanceStatus status, string? reason, FeaturisedInstance? featurised)
    {
        state.State.Instances[instance.SopInstanceUid] = new InstanceRecord(instance.SopInstanceUid, instance.SeriesInstanceUid,
            instance.StudyInstanceUid, instance.Source, status, reason, -1, 0,
            featurised?.Modality ?? LabelTags.Unknown, featurised?.Region ?? LabelTags.Unknown);
        return _commit.Persist();
    }
}

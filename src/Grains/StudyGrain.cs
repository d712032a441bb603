using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using RadiologyNet.Dicom;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// One study. Subscribed implicitly to the study's ingest stream; featurises each instance once and hands
/// the fused vector to its shard and then to its silo's <see cref="AssignerGrain"/>. Quarantines, with the reason, what it cannot read.
/// The instance's shard is the record of what has settled, so a redelivered event, even one that reaches a new
/// activation after a silo died mid-way, is recognised and counted once; one whose instance the shard holds but whose
/// record is still pending (the assigner or coordinator failed before the assignment arrived) is offered to the assigner
/// again. Events whose UIDs are malformed (<see cref="UidSyntax"/>) are quarantined without keeping or logging them. Assignments interleave with processing
/// (the coordinator may be waiting on them while a study waits on the coordinator); writes go through one
/// <see cref="GroupCommit"/> so they never overlap. Each event starts the instance's trace (<see cref="RadnetTracing"/>) and
/// counts into <see cref="RadnetMetrics"/>. Placed at random: every study costs about the same, so random placement spreads
/// the featurisation evenly, where Orleans' default (resource-optimised) placement can pile a burst onto one silo.
/// A study is busy for seconds and then idle for good, so an idle activation is collected after two minutes, not Orleans'
/// fifteen: during ingest, memory follows the studies in flight, not the archive. (Deactivating a study as soon as a pass
/// or a read was done with it made calls to studies time out in three tests; the cause was not found.)
/// </summary>
[ImplicitStreamSubscription(StreamNames.IngestNamespace)]
[Orleans.Placement.RandomPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class StudyGrain(
    [PersistentState("study", StorageNames.Grains)] IPersistentState<StudyState> state,
    IInstanceFeatureSource featurizer,
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
        if (MalformedIdentity(instance) is { } problem)
        {
            await RefuseMalformed(instance, problem);
            trace?.SetTag("radnet.outcome", "quarantined").SetTag("radnet.quarantine.reason", QuarantineCategory.MalformedDicom.Label());
            return;
        }
        var shard = ShardOf(instance.SopInstanceUid);
        if ((await shard.Unsettled([instance.SopInstanceUid])).Count == 0)
        {
            // Featurised before, but its assignment never arrived (the assigner or the coordinator failed on the way):
            // this delivery finishes the job. Anything else is a repeat of a settled instance.
            if (IsWaitingForAssignment(instance.SopInstanceUid) && await shard.Get(instance.SopInstanceUid) is { } stored
                && await AssignAndApply(stored, await shard.GenerationOf(stored.SopInstanceUid)) is { } late)
            {
                trace?.SetTag("radnet.outcome", "assigned").SetTag("radnet.cluster", late.Cluster);
                return;
            }
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

        // A vector the model cannot take (a silo configured with another layout) must not enter the shard, where every
        // pass would meet it; the event fails and is delivered again, perhaps to a silo configured right.
        var model = await Assigner.Dimension();
        if (model > 0 && featurised.Fused.Length != model)
            throw new InvalidOperationException($"a vector of {featurised.Fused.Length} values cannot join model '{_options.ModelName}' of {model}: " +
                "every silo must use the same fusion layout and Annotation:ProjectDimension");

        // The study's record is written before the shard settles the instance: if this silo dies in between, the
        // shard does not know the instance, so the redelivered event (or the reconciler) processes it again. A pending
        // record of an instance the shard holds is "featurised, not yet assigned": a redelivery assigns it.
        await Record(instance, InstanceStatus.Pending, null, featurised);
        var generation = await shard.Add([featurised]);
        var assignment = await AssignAndApply(featurised, generation);
        // Before the model bootstraps the instance waits in its shard; the bootstrap assigns it in the trace of the instance that triggered it.
        trace?.SetTag("radnet.outcome", assignment is null ? "pending" : "assigned");
        if (assignment is not null) trace?.SetTag("radnet.cluster", assignment.Cluster);
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

    private IAssignerGrain Assigner => GrainFactory.GetGrain<IAssignerGrain>(_options.ModelName);

    private IEmbeddingShardGrain ShardOf(string sopInstanceUid) => GrainFactory.GetGrain<IEmbeddingShardGrain>(
        ShardRouting.ShardKey(_options.ModelName, ShardRouting.ShardOf(sopInstanceUid, _options.Shards)));

    private bool IsWaitingForAssignment(string sopInstanceUid) =>
        state.State.Instances.TryGetValue(sopInstanceUid, out var record) && record.Status == InstanceStatus.Pending;

    /// <summary>
    /// Offers a stored instance, with the pass generation its shard gave it, to the silo's assigner and records the
    /// assignment; null while the model has not bootstrapped, or when a later model-wide pass counted it (that pass delivers it).
    /// </summary>
    private async Task<Assignment?> AssignAndApply(FeaturisedInstance featurised, int generation)
    {
        var assignments = await Assigner.Assign([featurised], [generation]);
        await ApplyAssignments(assignments);
        return assignments.Count > 0 ? assignments[0] : null;
    }

    /// <summary>Why the event's identity cannot be trusted (a malformed UID, or a study other than this grain's), or null.</summary>
    private string? MalformedIdentity(InstanceArrived instance) =>
        UidSyntax.InstanceProblem(instance.StudyInstanceUid, instance.SeriesInstanceUid, instance.SopInstanceUid)
        ?? (instance.StudyInstanceUid == this.GetPrimaryKeyString() ? null : "a StudyInstanceUID other than its stream's");

    /// <summary>
    /// Quarantines an event whose UIDs are malformed without keeping or logging them: the shard records it under a digest of
    /// the three UIDs (so a redelivery is recognised), and this grain writes no state under a key it cannot trust.
    /// </summary>
    private async Task RefuseMalformed(InstanceArrived instance, string problem)
    {
        var key = "malformed-uid-" + Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{instance.StudyInstanceUid}\n{instance.SeriesInstanceUid}\n{instance.SopInstanceUid}")))[..32];
        var shard = ShardOf(key);
        if ((await shard.Unsettled([key])).Count == 0)
        {
            await shard.CountDuplicate();
            return;
        }
        logger.LogWarning("Quarantined an ingest event with {Problem}", problem);
        metrics.Ingested();
        metrics.Quarantined(QuarantineCategory.MalformedDicom);
        await shard.AddQuarantined(key, problem);
    }

    private Task Record(InstanceArrived instance, InstanceStatus status, string? reason, FeaturisedInstance? featurised)
    {
        state.State.Instances[instance.SopInstanceUid] = new InstanceRecord(instance.SopInstanceUid, instance.SeriesInstanceUid,
            instance.StudyInstanceUid, instance.Source, status, reason, -1, 0,
            featurised?.Modality ?? LabelTags.Unknown, featurised?.Region ?? LabelTags.Unknown);
        return _commit.Persist();
    }
}

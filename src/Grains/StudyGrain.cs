using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using RadiologyNet.Grains.Featurisation;

namespace RadiologyNet.Grains;

/// <summary>
/// One study. Subscribed implicitly to the study's ingest stream; featurises each instance once and hands
/// the fused vector to its shard and to the coordinator. Quarantines, with the reason, what it cannot read.
/// </summary>
[ImplicitStreamSubscription(StreamNames.IngestNamespace)]
public sealed class StudyGrain(
    [PersistentState("study", StorageNames.Grains)] IPersistentState<StudyState> state,
    InstanceFeaturizer featurizer,
    IOptions<AnnotationOptions> options,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain
{
    private readonly AnnotationOptions _options = options.Value;
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
        var coordinator = GrainFactory.GetGrain<ICoordinatorGrain>(_options.ModelName);
        if (state.State.Instances.ContainsKey(instance.SopInstanceUid))
        {
            await coordinator.ReportDuplicate(instance.SopInstanceUid);
            return;
        }

        FeaturisedInstance featurised;
        try
        {
            if (!_reportLoaded)
            {
                _reportVector = await featurizer.EmbedReportAsync(instance.StudyInstanceUid);
                _reportLoaded = true;
            }
            featurised = await featurizer.FeaturiseAsync(instance, _reportVector);
        }
        catch (QuarantineException e)
        {
            logger.LogWarning("Quarantined an instance: {Reason}", e.Message);
            await Record(instance, InstanceStatus.Quarantined, e.Message, -1, 0, LabelTags.Unknown, LabelTags.Unknown);
            await coordinator.ReportQuarantined(instance.SopInstanceUid, e.Message);
            return;
        }

        await Record(instance, InstanceStatus.Pending, null, -1, 0, featurised.Modality, featurised.Region);
        var shard = ShardRouting.ShardOf(instance.SopInstanceUid, _options.Shards);
        await GrainFactory.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(_options.ModelName, shard)).Add([featurised]);
        var assignments = await coordinator.Submit([featurised]);
        await ApplyAssignments(assignments);
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
        if (changed) await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> GetInstances() =>
        Task.FromResult<IReadOnlyList<InstanceRecord>>(state.State.Instances.Values.ToList());

    private Task Record(InstanceArrived instance, InstanceStatus status, string? reason, int cluster, float distance, string modality, string region)
    {
        state.State.Instances[instance.SopInstanceUid] = new InstanceRecord(instance.SopInstanceUid, instance.SeriesInstanceUid,
            instance.StudyInstanceUid, instance.Source, status, reason, cluster, distance, modality, region);
        return state.WriteStateAsync();
    }
}

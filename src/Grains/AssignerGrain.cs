using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using RadiologyNet.Grains.Online;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// The per-silo assigner: one stateless-worker activation per silo holds a snapshot of the model's centroids. Callers'
/// instances wait in an open batch; one flush at a time places the whole batch on the snapshot's nearest centres and
/// sends it to the coordinator, whose answer replaces the snapshot (so it follows every online update and every new
/// model version). While a flush is out, new instances gather into the next batch, so batches grow with the load. A
/// snapshot older than <see cref="AnnotationOptions.SnapshotMaxAgeMilliseconds"/> is fetched again before it places
/// anything, which covers a silo that sat idle through a refinement. Keeps nothing that must survive: a silo that dies
/// takes only unsent placements with it, and the callers waiting on them fail, so their events are delivered again.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class AssignerGrain(IOptions<AnnotationOptions> options) : Grain, IAssignerGrain
{
    private readonly AnnotationOptions _options = options.Value;
    private List<Waiting> _open = [];
    private bool _flushing;
    private ModelSnapshot? _model;
    private DateTime _modelAt;

    private ICoordinatorGrain Coordinator => GrainFactory.GetGrain<ICoordinatorGrain>(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<IReadOnlyList<Assignment>> Assign(IReadOnlyList<FeaturisedInstance> instances, IReadOnlyList<int> generations)
    {
        if (instances.Count == 0) return [];
        if (generations.Count != instances.Count) throw new ArgumentException($"{instances.Count} instances but {generations.Count} generations");
        var waiting = new Waiting(instances, generations, Activity.Current?.Context ?? default,
            new TaskCompletionSource<BatchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _open.Add(waiting);
        if (!_flushing)
        {
            _flushing = true;
            FlushWhileOpen().Ignore();
        }
        var outcome = await waiting.Outcome.Task;
        var mine = instances.Select(i => i.SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        return outcome.Assignments.Where(a => mine.Contains(a.SopInstanceUid)).ToList();
    }

    /// <inheritdoc />
    public async Task<int> Dimension()
    {
        if (IsStale) Refresh(await Coordinator.GetModel());
        return _model!.Dimension;
    }

    private bool IsStale => _model is null || DateTime.UtcNow - _modelAt > TimeSpan.FromMilliseconds(_options.SnapshotMaxAgeMilliseconds);

    private async Task FlushWhileOpen()
    {
        try
        {
            if (_options.AssignBatchMilliseconds > 0) await Task.Delay(_options.AssignBatchMilliseconds);
            while (_open.Count > 0) await Send(TakeBatch());
        }
        finally
        {
            _flushing = false;
        }
    }

    private List<Waiting> TakeBatch()
    {
        var batch = new List<Waiting>();
        var size = 0;
        while (_open.Count > 0 && (size == 0 || size + _open[0].Instances.Count <= _options.AssignBatchSize))
        {
            size += _open[0].Instances.Count;
            batch.Add(_open[0]);
            _open.RemoveAt(0);
        }
        return batch;
    }

    /// <summary>Places one batch on the snapshot, sends it, and completes its callers (or fails them, if it failed).</summary>
    private async Task Send(List<Waiting> batch)
    {
        try
        {
            if (IsStale) Refresh(await Coordinator.GetModel());
            var model = _model!;
            // A vector of another length than the model's (a silo configured differently) fails its own caller, not the batch.
            foreach (var misfit in batch.Where(w => model.Dimension > 0 && w.Instances.Any(i => i.Fused.Length != model.Dimension)).ToList())
            {
                misfit.Outcome.SetException(new InvalidOperationException(
                    $"a vector of {misfit.Instances.First(i => i.Fused.Length != model.Dimension).Fused.Length} values cannot join model " +
                    $"'{this.GetPrimaryKeyString()}' of {model.Dimension}: every silo must use the same fusion layout and Annotation:ProjectDimension"));
                batch.Remove(misfit);
            }
            if (batch.Count == 0) return;

            var instances = batch.SelectMany(w => w.Instances).ToArray();
            using var trace = RadnetTracing.StartBatch(this.GetPrimaryKeyString(), batch.Select(w => w.Caller), instances.Length);
            var clusters = new int[instances.Length];
            var distances = new float[instances.Length];
            var versions = new int[instances.Length];
            for (var i = 0; i < instances.Length; i++)
            {
                clusters[i] = model.Dimension == 0 ? -1 : NearestCentre.Find(instances[i].Fused, model.Centres, model.Clusters, model.Metric, out distances[i]);
                versions[i] = model.Dimension == 0 ? 0 : model.Version;
            }
            var generations = batch.SelectMany(w => w.Generations).ToArray();
            var outcome = await Coordinator.Absorb(new AssignedBatch(instances, clusters, distances, versions, generations));
            Refresh(outcome.Model);
            foreach (var waiting in batch) waiting.Outcome.SetResult(outcome);
        }
        catch (Exception e)
        {
            foreach (var waiting in batch) waiting.Outcome.TrySetException(e);
        }
    }

    private void Refresh(ModelSnapshot model)
    {
        if (_model is null || model.Version >= _model.Version)
        {
            _model = model;
            _modelAt = DateTime.UtcNow;
        }
    }

    private sealed record Waiting(IReadOnlyList<FeaturisedInstance> Instances, IReadOnlyList<int> Generations, ActivityContext Caller,
        TaskCompletionSource<BatchOutcome> Outcome);
}

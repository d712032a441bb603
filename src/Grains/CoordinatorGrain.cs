using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Clustering;
using RadiologyNet.Features;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.Online;
using RadiologyNet.Grains.Refinement;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// A model's lifecycle: collects until <see cref="ModelSettings.BootstrapSize"/> vectors are in the shards, bootstraps
/// with k-means++ and Lloyd over them, then absorbs the batches the silos' <see cref="AssignerGrain"/>s placed on their
/// snapshots of the centres, sending each cluster grain one update per batch (an instance placed with an older model
/// version is placed again; one the last pass counted, <see cref="PassMembership"/>, is not counted twice); refines with
/// k-medoids on demand or every N instances. Its phase and version
/// are persisted; the centres live in the cluster grains and the accounting in the shards, so a coordinator that
/// re-activates on another silo picks up where it was. Counts its assignments, publishes the latest quality evaluation
/// (after bootstrap, reassignment, refinement or an explicit evaluation) and refinement duration and cost to <see cref="RadnetMetrics"/>.
/// </summary>
public sealed class CoordinatorGrain(
    [PersistentState("coordinator", StorageNames.Grains)] IPersistentState<CoordinatorState> state,
    IServiceProvider services,
    IOptions<AnnotationOptions> options,
    RadnetMetrics metrics,
    ILogger<CoordinatorGrain> logger) : Grain, ICoordinatorGrain
{
    private readonly AnnotationOptions _options = options.Value;
    private float[] _centroids = [];
    private long _collected;
    private long _sinceRefinement;
    private string? _refinementError;
    private PassMembership? _lastPass;
    private GroupCommit? _commit;
    private long _undelivered;
    private int _deliveringVersion;
    private bool _unconfirmedPass;

    private CoordinatorState State => state.State;
    private GroupCommit Commit => _commit ??= new GroupCommit(state.WriteStateAsync, TimeSpan.Zero);
    private string Model => this.GetPrimaryKeyString();
    private ModelSettings Settings => State.Settings ?? new ModelSettings(_options.Clusters, _options.BootstrapSize, _options.Seed);
    private int K => State.Clusters;
    private int D => State.Dimensions;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Streaming)
        {
            var centres = await Task.WhenAll(Enumerable.Range(0, K).Select(j => Cluster(j).GetCentroid()));
            _centroids = centres.SelectMany(c => c).ToArray();
            if (_centroids.Length != K * D) throw new InvalidOperationException($"model '{Model}': cluster grains hold {_centroids.Length} values, not {K}×{D}");
            if (State.DeliveredVersion < State.Version)
            {
                // The last pass's assignments may not all have reached their studies (this grain's silo died while it
                // delivered them): until a new pass has delivered, no assignment counts as known to its study.
                _unconfirmedPass = true;
                RecoverInBackground().Ignore();
            }
        }
        else
        {
            _collected = (await Counts()).Vectors;
        }
    }

    /// <inheritdoc />
    public async Task Configure(ModelSettings settings)
    {
        if (settings.Clusters < 1) throw new ArgumentException("k must be at least 1");
        if (settings.BootstrapSize < 1) throw new ArgumentException("the bootstrap size must be at least 1");
        if (State.Settings == settings) return;
        if (State.Streaming)
            throw new InvalidOperationException($"model '{Model}' is already streaming with {State.Settings ?? Settings}");
        State.Settings = settings;
        await Commit.Persist();
    }

    /// <inheritdoc />
    public async Task<BatchOutcome> Absorb(AssignedBatch batch)
    {
        var instances = batch.Instances;
        if (!State.Streaming)
        {
            _collected += instances.Length;
            if (_collected < Settings.BootstrapSize) return new BatchOutcome([], Snapshot());
            _collected = (await Counts()).Vectors;
            if (_collected < Settings.BootstrapSize) return new BatchOutcome([], Snapshot());
            return new BatchOutcome(TellOthers(await Bootstrap(), instances), Snapshot());
        }
        if (_lastPass is null)
        {
            // Re-activated since the last pass: which of these it counted is unknown, so count everything again from the shards.
            // The studies of this batch wait on this call: the pass's delivery must not hold the grain.
            await Reassign(awaitDelivery: false);
            return new BatchOutcome([], Snapshot());
        }

        var placed = new List<FeaturisedInstance>(instances.Length);
        var clusters = new List<int>(instances.Length);
        var settled = new List<Assignment>(instances.Length);
        for (var i = 0; i < instances.Length; i++)
        {
            // The pass counted it and told its study; counting it again would count it twice.
            if (_lastPass.Contains(instances[i].SopInstanceUid)) continue;
            var (cluster, distance) = (batch.Clusters[i], batch.Distances[i]);
            if (batch.Versions[i] != State.Version) cluster = NearestCentre.Find(instances[i].Fused, _centroids, K, State.Metric, out distance);
            placed.Add(instances[i]);
            clusters.Add(cluster);
            settled.Add(new Assignment(instances[i].SopInstanceUid, cluster, distance, State.Version));
        }
        var updates = ClusterUpdates.Build(placed, clusters, D);
        var centres = await Task.WhenAll(updates.Select(async u => (Cluster: u.Key, Centre: await Cluster(u.Key).Absorb(u.Value))));
        foreach (var (cluster, centre) in centres) centre.CopyTo(_centroids, cluster * D);
        metrics.Assigned(Model, "online", settled.Count);

        _sinceRefinement += settled.Count;
        if (_options.RefineEvery > 0 && _sinceRefinement >= _options.RefineEvery)
        {
            _sinceRefinement = 0;
            RefineInBackground().Ignore();
        }
        return new BatchOutcome(settled.ToArray(), Snapshot());
    }

    /// <inheritdoc />
    public async Task<QuarantinePage> GetQuarantined(QuarantineCursor cursor)
    {
        // One shard's page per reply; shards with nothing left are passed over.
        for (var at = cursor; at.Shard < _options.Shards; at = new QuarantineCursor(at.Shard + 1, ""))
        {
            var page = await Shard(at.Shard).ReadQuarantined(at);
            var next = page.Next ?? (at.Shard + 1 < _options.Shards ? new QuarantineCursor(at.Shard + 1, "") : null);
            if (page.Entries.Length > 0 || next is null) return new QuarantinePage(page.Entries, next);
        }
        return new QuarantinePage([], null);
    }

    /// <inheritdoc />
    public async Task Flush()
    {
        if (State.Streaming || (await Counts()).Vectors == 0) return;
        await Deliver(await Bootstrap());
    }

    /// <inheritdoc />
    public Task<int> Reassign() => Reassign(awaitDelivery: true);

    /// <inheritdoc />
    public async Task<int> Redeliver() =>
        State.Streaming && State.DeliveredVersion < State.Version && _deliveringVersion < State.Version ? await Reassign(awaitDelivery: false) : 0;

    /// <summary>
    /// The reassignment pass; its delivery to the studies is awaited for a caller that reads the records next, and left to
    /// run in the background (status counts it as pending) when the grain must keep absorbing batches meanwhile.
    /// </summary>
    private async Task<int> Reassign(bool awaitDelivery)
    {
        if (!State.Streaming) return 0;
        State.Version++;
        var passes = await ReassignShards(_centroids, State.Metric);
        await ResetClusters(_centroids, passes);
        await Commit.Persist();
        _lastPass = Remember(passes);
        var delivery = Deliver(Flatten(passes));
        if (awaitDelivery) await delivery;
        else delivery.Ignore();
        metrics.Assigned(Model, "reassign", passes.Sum(p => p.Assignments.Length));
        await EvaluateLabels();
        return passes.Sum(p => p.Assignments.Length);
    }

    /// <inheritdoc />
    public Task StartRefinement()
    {
        _refinementError = null;
        RefineInBackground().Ignore();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetLastRefinementError() => Task.FromResult(_refinementError);

    private async Task RefineInBackground()
    {
        try
        {
            await this.AsReference<ICoordinatorGrain>().Refine();
        }
        catch (TimeoutException)
        {
            // The pass outlived the call timeout; it is still running and publishes its result when done.
        }
        catch (Exception e)
        {
            _refinementError = e.Message;
            logger.LogWarning("Refinement of model {Model} failed: {Error}", Model, e.Message);
        }
    }

    /// <inheritdoc />
    public async Task<RefinementResult> Refine()
    {
        if (!State.Streaming) await Flush();
        if (!State.Streaming) throw new InvalidOperationException($"model '{Model}' has no vectors to refine");
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s => Shard(s).GetCounts()));
        var allocation = MedoidRefinement.Allocate(counts.Select(c => c.Vectors).ToList(), _options.RefineSampleSize);
        var seed = Settings.Seed + State.Version;
        var samples = await Task.WhenAll(allocation.Select((m, s) => m == 0
            ? Task.FromResult<IReadOnlyList<FeaturisedInstance>>([])
            : Shard(s).Sample(m, seed + s)));
        var sample = samples.SelectMany(s => s).ToList();
        if (sample.Count < K) throw new InvalidOperationException($"a sample of {sample.Count} vectors cannot refine {K} clusters");

        var before = await ReassignShards(_centroids, State.Metric);
        var previousCost = State.Metric == CentreMetric.Manhattan
            ? before.Sum(p => p.Costs.Sum())
            : (await ReassignShards(_centroids, CentreMetric.Manhattan)).Sum(p => p.Costs.Sum());
        var (d, k, previousCentres) = (D, K, _centroids);
        var plan = await Task.Run(() => MedoidRefinement.Plan(Flatten(sample), sample.Count, d, k, seed, previousCentres));
        State.Version++;
        var passes = await ReassignShards(plan.Medoids, CentreMetric.Manhattan);
        var previous = before.SelectMany(p => p.Assignments).ToDictionary(a => a.SopInstanceUid, a => a.Cluster, StringComparer.Ordinal);
        var changed = passes.SelectMany(p => p.Assignments).LongCount(a => previous.GetValueOrDefault(a.SopInstanceUid, -1) != a.Cluster);

        _centroids = plan.Medoids;
        State.Metric = CentreMetric.Manhattan;
        await ResetClusters(_centroids, passes);
        _lastPass = Remember(passes);
        var result = new RefinementResult(State.Version, sample.Count, plan.SampleCost, passes.Sum(p => p.Costs.Sum()),
            previousCost, passes.Sum(p => (long)p.Assignments.Length), changed, plan.Swaps, clock.Elapsed.TotalSeconds);
        await Deliver(Flatten(passes));
        State.LastRefinement = result;
        await Commit.Persist();
        metrics.Assigned(Model, "refinement", result.Reassigned);
        metrics.Refined(Model, result);
        await EvaluateLabels();
        logger.LogInformation("Model {Model} refined to version {Version}: total deviation {Cost:F1} (was {Previous:F1}), {Changed} of {N} changed cluster, {Seconds:F1} s",
            Model, result.Version, result.TotalDeviation, result.PreviousCost, result.Changed, result.Reassigned, result.Seconds);
        return result;
    }

    /// <inheritdoc />
    public Task<RefinementResult?> GetLastRefinement() => Task.FromResult(State.LastRefinement);

    /// <inheritdoc />
    public async Task<IReadOnlyList<LabelEvaluation>> EvaluateLabels()
    {
        var clusters = await GetClusters();
        IReadOnlyList<LabelEvaluation> evaluations =
        [
            ClusterHistogramEvaluation.Evaluate("modality", clusters.Select(c => (c.Cluster, (IReadOnlyDictionary<string, long>)c.Modalities))),
            ClusterHistogramEvaluation.Evaluate("region", clusters.Select(c => (c.Cluster, (IReadOnlyDictionary<string, long>)c.Regions))),
        ];
        metrics.Quality(Model, evaluations);
        return evaluations;
    }

    /// <inheritdoc />
    public Task<ModelSnapshot> GetModel() => Task.FromResult(Snapshot());

    private ModelSnapshot Snapshot() =>
        new(State.Version, K, State.Streaming ? D : 0, State.Metric, _options.Shards, State.Streaming ? _centroids.ToArray() : []);

    /// <inheritdoc />
    public async Task<ModelStatus> GetStatus()
    {
        var counts = await Counts();
        // An assignment counts as annotated once its study has it, as the export (which reads the studies) sees it.
        var undelivered = !State.Streaming ? counts.Vectors : _unconfirmedPass ? counts.Vectors : Math.Min(_undelivered, counts.Vectors);
        return new ModelStatus(State.Streaming ? "streaming" : "collecting", State.Version, K,
            counts.Vectors - undelivered, undelivered, counts.Quarantined, counts.Duplicates);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClusterSummary>> GetClusters() =>
        await Task.WhenAll(Enumerable.Range(0, K).Select(j => Cluster(j).GetSummary()));

    /// <inheritdoc />
    public async Task<SourceClusterings> ClusterEachSource()
    {
        var instances = await GatherAll();
        var n = instances.Count;
        var sops = instances.Select(i => i.SopInstanceUid).ToArray();
        var labels = new Dictionary<string, int[]>();
        if (n == 0 || !State.Streaming) return new SourceClusterings(sops, [], [], labels);

        var fused = Flatten(instances, 0, D);
        var fusedLabels = new int[n];
        if (State.Metric == CentreMetric.Euclidean)
            NearestCentroid.Assign(fused, n, D, _centroids, K, fusedLabels, new float[n]);
        else
            for (var i = 0; i < n; i++) fusedLabels[i] = ManhattanNearest.Nearest(fused.AsSpan(i * D, D), _centroids, K, out _);
        labels["fused"] = fusedLabels;

        var featurizer = services.GetRequiredService<InstanceFeaturizer>();
        var layout = featurizer.Layout;
        // Projected vectors mix the sources: there are no slices to cluster alone.
        foreach (var (source, offset, length) in featurizer.Projected || layout.Dimension != D ? [] : new[]
                 {
                     ("image", 0, layout.ImageDim),
                     ("metadata", layout.ImageDim, layout.MetadataDim),
                     ("report", layout.ImageDim + layout.MetadataDim, layout.ReportDim),
                 })
        {
            var slice = Flatten(instances, offset, length);
            if (!slice.Any(v => v != 0)) continue;
            // Each source alone, as its own embedding: undo the fusion weight and any missing-source reweighting.
            for (var i = 0; i < n; i++) FeatureFusion.L2Normalize(slice.AsSpan(i * length, length));
            var k = Math.Min(Settings.Clusters, n);
            var seed = Settings.Seed;
            labels[source] = (await Task.Run(() => KMeans.Fit(slice, n, length, k, seed))).Labels;
        }
        return new SourceClusterings(sops, instances.Select(i => i.Modality).ToArray(), instances.Select(i => i.Region).ToArray(), labels);
    }

    private async Task<List<(Assignment Assignment, string Study)>> Bootstrap()
    {
        var settings = Settings;
        var instances = await GatherAll();
        var n = instances.Count;
        var d = instances[0].Fused.Length;
        var k = Math.Min(settings.Clusters, n);
        if (k < settings.Clusters)
            logger.LogWarning("Bootstrapping model {Model} with k = {K}: only {N} vectors arrived", Model, k, n);

        var data = Flatten(instances, 0, d);
        var result = await Task.Run(() => KMeans.Fit(data, n, d, k, settings.Seed));
        State.Clusters = k;
        State.Dimensions = d;
        State.Metric = CentreMetric.Euclidean;
        State.Version = 1;
        _centroids = result.Centroids;
        var passes = await ReassignShards(_centroids, CentreMetric.Euclidean);
        await ResetClusters(_centroids, passes);
        State.Streaming = true;
        await Commit.Persist();
        _lastPass = Remember(passes);
        metrics.Assigned(Model, "bootstrap", passes.Sum(p => (long)p.Assignments.Length));
        await EvaluateLabels();
        logger.LogInformation("Model {Model} bootstrapped on {N} vectors of {D} dimensions into {K} clusters (inertia {Inertia:F3}, {Iterations} Lloyd iterations)",
            Model, n, d, k, result.Inertia, result.Iterations);
        return Flatten(passes);
    }

    private async Task<ShardReassignment[]> ReassignShards(float[] centres, CentreMetric metric) =>
        await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s => Shard(s).Reassign(centres, K, metric, State.Version)));

    private Task ResetClusters(float[] centres, ShardReassignment[] passes)
    {
        var modalities = Enumerable.Range(0, K).Select(_ => new List<string>()).ToArray();
        var regions = Enumerable.Range(0, K).Select(_ => new List<string>()).ToArray();
        foreach (var pass in passes)
            for (var i = 0; i < pass.Assignments.Length; i++)
            {
                modalities[pass.Assignments[i].Cluster].Add(pass.Modalities[i]);
                regions[pass.Assignments[i].Cluster].Add(pass.Regions[i]);
            }
        return Task.WhenAll(Enumerable.Range(0, K).Select(j => Cluster(j).Reset(centres.AsSpan(j * D, D).ToArray(),
            modalities[j].Count, modalities[j].ToArray(), regions[j].ToArray(), State.Version)));
    }

    private async Task<ShardCounts> Counts()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s => Shard(s).GetCounts()));
        return new ShardCounts(counts.Sum(c => c.Vectors), counts.Sum(c => c.Quarantined), counts.Sum(c => c.Duplicates));
    }

    private async Task<List<FeaturisedInstance>> GatherAll()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s => Shard(s).ReadAllAsync().ToListAsync().AsTask()));
        return shards.SelectMany(s => s).OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();
    }

    private static PassMembership Remember(ShardReassignment[] passes) =>
        new(passes.SelectMany(p => p.Assignments.Select(a => a.SopInstanceUid)));

    /// <summary>
    /// Delivers a pass's assignments to every study in the background (this batch's studies wait on this call, and a pass
    /// over many studies would outlast it) and returns those of <paramref name="batch"/> at once as well. The batch's
    /// reply may be lost with its silo; the delivery is not, so the pass's own instances are delivered too.
    /// </summary>
    private Assignment[] TellOthers(List<(Assignment Assignment, string Study)> assignments, FeaturisedInstance[] batch)
    {
        var mine = batch.Select(i => i.SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        Deliver(assignments).Ignore();
        return assignments.Where(a => mine.Contains(a.Assignment.SopInstanceUid)).Select(a => a.Assignment).ToArray();
    }

    private static List<(Assignment Assignment, string Study)> Flatten(ShardReassignment[] passes) =>
        passes.SelectMany(p => p.Assignments.Select((a, i) => (a, p.Studies[i]))).ToList();

    /// <summary>
    /// Delivers the current pass's assignments to their studies, retried until each acknowledges
    /// (<see cref="AssignmentDelivery"/>), then records the pass as delivered, so a coordinator that re-activates knows
    /// whether a pass may have been lost with its silo (<see cref="RecoverInBackground"/>). Until then, status counts
    /// the undelivered assignments as pending.
    /// </summary>
    private async Task Deliver(List<(Assignment Assignment, string Study)> assignments)
    {
        var version = _deliveringVersion = State.Version;
        _undelivered += assignments.Count;
        _unconfirmedPass = false;
        var remaining = (long)assignments.Count;
        try
        {
            if (!await AssignmentDelivery.DeliverAsync(GrainFactory, assignments, DeliveryDeadline, n => { _undelivered -= n; remaining -= n; }, logger))
            {
                if (version == State.Version) RedeliverLater(version).Ignore();
                return;
            }
        }
        finally
        {
            // What a failed delivery left is not pending anymore for this activation's accounting: the marker below stays behind instead.
            _undelivered -= remaining;
            if (remaining > 0) _unconfirmedPass = true;
        }
        if (version != State.Version || State.DeliveredVersion >= version) return;
        State.DeliveredVersion = version;
        await Commit.Persist();
    }

    private TimeSpan DeliveryDeadline => TimeSpan.FromSeconds(_options.AssignmentDeliverySeconds);

    /// <summary>
    /// After a pass whose delivery gave up (a study kept failing), waits as long again and runs a new pass, unless another
    /// pass came meanwhile; so an undelivered pass is retried while this activation lives, not only when it re-activates.
    /// </summary>
    private async Task RedeliverLater(int version)
    {
        await Task.Delay(DeliveryDeadline);
        if (State.Version != version || State.DeliveredVersion >= version) return;
        _deliveringVersion = 0; // no delivery of this version is under way anymore: Redeliver may run a new pass
        await RecoverInBackground();
    }

    /// <summary>
    /// Runs a reassignment pass through this grain's own queue to re-deliver every assignment after a re-activation found
    /// the last pass undelivered; retried with backoff while the shards or cluster grains are unreachable.
    /// </summary>
    private async Task RecoverInBackground()
    {
        var backoff = AssignmentDelivery.FirstBackoff;
        for (var attempt = 0; attempt < 10 && State.DeliveredVersion < State.Version; attempt++)
        {
            try
            {
                await this.AsReference<ICoordinatorGrain>().Redeliver();
                return;
            }
            catch (TimeoutException)
            {
                return; // still running; it delivers when done
            }
            catch (Exception e)
            {
                logger.LogWarning("Model {Model}: re-delivering the last pass failed ({Error}); retrying", Model, e.GetType().Name);
                await Task.Delay(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, AssignmentDelivery.MaxBackoff.Ticks));
            }
        }
    }

    private static float[] Flatten(IReadOnlyList<FeaturisedInstance> instances) => Flatten(instances, 0, instances[0].Fused.Length);

    private static float[] Flatten(IReadOnlyList<FeaturisedInstance> instances, int offset, int length)
    {
        var data = new float[instances.Count * length];
        for (var i = 0; i < instances.Count; i++) instances[i].Fused.AsSpan(offset, length).CopyTo(data.AsSpan(i * length, length));
        return data;
    }

    private IEmbeddingShardGrain Shard(int shard) => GrainFactory.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(Model, shard));

    private IClusterGrain Cluster(int cluster) => GrainFactory.GetGrain<IClusterGrain>(ShardRouting.ClusterKey(Model, cluster));
}

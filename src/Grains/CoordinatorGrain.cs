using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Clustering;
using RadiologyNet.Features;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.Online;
using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Refinement;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains;

/// <summary>
/// A model's lifecycle: collects until <see cref="ModelSettings.BootstrapSize"/> vectors are in the shards, bootstraps
/// (k-means++ on a sample the shards draw, then Lloyd iterations that are passes over the shards), then absorbs the
/// batches the silos' <see cref="AssignerGrain"/>s placed on their snapshots of the centres, sending each cluster grain one
/// update per batch (an instance placed with an older model version is placed again; one a later pass counted, told by the
/// pass generation its shard gave it, is not counted twice); refines with k-medoids on demand or every N instances. Every
/// model-wide pass goes to the data: each shard places its own vectors and returns O(k·d) totals (<see cref="PassTotals"/>),
/// stores its labels and delivers them to the studies itself; the coordinator only combines totals and never holds or
/// receives per-instance data. Its phase and version are persisted; the centres live in the cluster grains and the
/// accounting in the shards, so a coordinator that re-activates on another silo picks up where it was. Counts its
/// assignments, publishes the latest quality evaluation (after bootstrap, reassignment, refinement or an explicit
/// evaluation) and refinement duration and cost to <see cref="RadnetMetrics"/>.
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
    private IEnumerable<int> Shards => Enumerable.Range(0, _options.Shards);

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
            // The bootstrap counted this batch (its instances were in the shards) and its delivery tells every study, in the
            // background: these studies wait on this call, and a pass over many studies would outlast it. This batch's own
            // labels, as the shards stored them, are returned at once as well.
            var assigned = await Bootstrap();
            Deliver(assigned).Ignore();
            var mine = await Task.WhenAll(instances.GroupBy(i => ShardRouting.ShardOf(i.SopInstanceUid, _options.Shards))
                .Select(g => Shard(g.Key).LabelsOf(g.Select(i => i.SopInstanceUid).ToList())));
            return new BatchOutcome(mine.SelectMany(a => a).ToArray(), Snapshot());
        }

        var placed = new List<FeaturisedInstance>(instances.Length);
        var clusters = new List<int>(instances.Length);
        var settled = new List<Assignment>(instances.Length);
        for (var i = 0; i < instances.Length; i++)
        {
            // Stored before a pass of a later version started scanning its shard: that pass counted it and delivers it.
            if (batch.Generations[i] < State.Version) continue;
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
    public async Task<LabelPage> GetLabels(LabelCursor cursor)
    {
        // One shard's page per reply; shards with nothing left are passed over.
        for (var at = cursor; at.Shard < _options.Shards; at = new LabelCursor(at.Shard + 1, 0))
        {
            var page = await Shard(at.Shard).ReadLabels(at);
            var next = page.Next ?? (at.Shard + 1 < _options.Shards ? new LabelCursor(at.Shard + 1, 0) : null);
            if (page.Rows.Length > 0 || next is null) return page with { Next = next };
        }
        return new LabelPage([], [], null);
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
        await NextVersion();
        var totals = await LabelShards(new PassRequest(_centroids, K, State.Metric));
        await ResetClusters(_centroids, totals);
        await Commit.Persist();
        var delivery = Deliver(totals.Members);
        if (awaitDelivery) await delivery;
        else delivery.Ignore();
        metrics.Assigned(Model, "reassign", totals.Members);
        await EvaluateLabels();
        return (int)totals.Members;
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
        var seed = Settings.Seed + State.Version;
        var sample = await DrawSample(_options.RefineSampleSize, seed, ordered: false);
        if (sample.Count < K) throw new InvalidOperationException($"a sample of {sample.Count} vectors cannot refine {K} clusters");

        var metric = _options.RefinePolishPasses > 0 ? CentreMetric.Euclidean : CentreMetric.Manhattan;
        var previousCost = (await MeasureShards(new PassRequest(_centroids, K, metric))).Cost;
        var (d, k, previousCentres) = (D, K, _centroids);
        var plan = await Task.Run(() => MedoidRefinement.Plan(Flatten(sample, 0, d), sample.Count, d, k, seed, previousCentres));
        var centres = _options.RefinePolishPasses > 0 ? (await Lloyd(plan.Medoids, k, d, slice: null, _options.RefinePolishPasses)).Centres : plan.Medoids;
        // The new version and its centres together: a snapshot taken while the shards label (GetModel interleaves) places on them.
        _centroids = centres;
        State.Metric = metric;
        await NextVersion();
        var totals = await LabelShards(new PassRequest(_centroids, K, metric));
        await ResetClusters(_centroids, totals);
        var result = new RefinementResult(State.Version, sample.Count, plan.SampleCost, totals.Cost,
            previousCost, totals.Members, totals.Changed, plan.Swaps, clock.Elapsed.TotalSeconds);
        State.LastRefinement = result;
        await Commit.Persist();
        await Deliver(totals.Members);
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
    public async Task<ModelMeasure> MeasureModel()
    {
        if (!State.Streaming) return new ModelMeasure(State.Version, 0, 0, 0, 0);
        var totals = await MeasureShards(new PassRequest(_centroids, K, State.Metric));
        return new ModelMeasure(State.Version, totals.Members, totals.Cost,
            PartialSums.KMeansCost(totals.Sums, totals.Counts, totals.SquaredNorms, K, D),
            PartialSums.Inertia(_centroids, totals.Sums, totals.Counts, totals.SquaredNorms, K, D));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ClusterEachSource()
    {
        if (!State.Streaming || (await Counts()).Vectors == 0) return [];
        List<string> labelled = ["fused"];
        await Task.WhenAll(Shards.Select(s => Shard(s).LabelSource(new PassRequest(_centroids, K, State.Metric))));

        var featurizer = services.GetRequiredService<IInstanceFeatureSource>();
        var layout = featurizer.Layout;
        // Projected vectors mix the sources: there are no slices to cluster alone.
        if (featurizer.Projected || layout.Dimension != D) return labelled;
        var sample = await DrawSample(Settings.BootstrapSize, Settings.Seed, ordered: true);
        foreach (var slice in new[]
                 {
                     new SourceSlice("image", 0, layout.ImageDim),
                     new SourceSlice("metadata", layout.ImageDim, layout.MetadataDim),
                     new SourceSlice("report", layout.ImageDim + layout.MetadataDim, layout.ReportDim),
                 })
        {
            var rows = Flatten(sample, slice.Offset, slice.Length);
            if (!rows.Any(v => v != 0)) continue;
            // Each source alone, as its own embedding: undo the fusion weight and any missing-source reweighting.
            for (var i = 0; i < sample.Count; i++) FeatureFusion.L2Normalize(rows.AsSpan(i * slice.Length, slice.Length));
            var fit = await FitKMeans(rows, sample.Count, slice.Length, Math.Min(Settings.Clusters, sample.Count), Settings.Seed, slice);
            await Task.WhenAll(Shards.Select(s => Shard(s).LabelSource(new PassRequest(fit.Centres, fit.Centres.Length / slice.Length, CentreMetric.Euclidean, slice))));
            labelled.Add(slice.Source);
        }
        return labelled;
    }

    /// <summary>Bootstraps the model and runs its first labelling pass; returns the instances the pass labelled (for <see cref="Deliver"/>).</summary>
    private async Task<long> Bootstrap()
    {
        var settings = Settings;
        var sample = await DrawSample(settings.BootstrapSize, settings.Seed, ordered: true);
        var n = (await Counts()).Vectors;
        var d = sample[0].Fused.Length;
        var k = Math.Min(settings.Clusters, sample.Count);
        if (k < settings.Clusters)
            logger.LogWarning("Bootstrapping model {Model} with k = {K}: only {N} vectors arrived", Model, k, sample.Count);

        var fit = await FitKMeans(Flatten(sample, 0, d), sample.Count, d, k, settings.Seed, slice: null);
        State.Clusters = k;
        State.Dimensions = d;
        State.Metric = CentreMetric.Euclidean;
        State.Version = 1;
        _centroids = fit.Centres;
        var totals = await LabelShards(new PassRequest(_centroids, k, CentreMetric.Euclidean));
        await ResetClusters(_centroids, totals);
        State.Streaming = true;
        await Commit.Persist();
        metrics.Assigned(Model, "bootstrap", totals.Members);
        await EvaluateLabels();
        logger.LogInformation("Model {Model} bootstrapped on {N} vectors ({Sample} sampled) of {D} dimensions into {K} clusters (k-means cost {Cost:F3}, {Iterations} Lloyd passes)",
            Model, n, sample.Count, d, k, fit.KMeansCost, fit.Iterations);
        return totals.Members;
    }

    /// <summary>
    /// k-means as <c>KMeans.Fit</c> runs it (one k-means++ seeding from the seed's first run seed, then Lloyd to
    /// sklearn's tolerance), but seeded on the n×d <paramref name="sample"/> and iterated over every stored vector (or its
    /// <paramref name="slice"/>), each Lloyd iteration one totals pass over the shards.
    /// </summary>
    private async Task<PartialLloydResult> FitKMeans(float[] sample, int n, int d, int k, int seed, SourceSlice? slice)
    {
        var initial = await Task.Run(() => PartialLloyd.Seed(sample, n, d, k, seed));
        return await Lloyd(initial, k, d, slice, maxIterations: 300);
    }

    /// <summary>Lloyd's iterations from <paramref name="initial"/>, each one totals pass over every shard (of the slice, when given).</summary>
    private Task<PartialLloydResult> Lloyd(float[] initial, int k, int d, SourceSlice? slice, int maxIterations) =>
        PartialLloyd.RunAsync(initial, k, d, async centres =>
        {
            var totals = await MeasureShards(new PassRequest(centres, k, CentreMetric.Euclidean, slice));
            return new PartialTotals(totals.Counts, totals.Sums, totals.SquaredNorms);
        }, maxIterations);

    /// <summary>
    /// A seeded sample of up to <paramref name="size"/> stored instances, allocated to the shards by their sizes and read from
    /// each in pages; in ordinal order of SOPInstanceUID when <paramref name="ordered"/>, else shard after shard.
    /// </summary>
    private async Task<List<FeaturisedInstance>> DrawSample(int size, int seed, bool ordered)
    {
        var counts = await Task.WhenAll(Shards.Select(s => Shard(s).GetCounts()));
        var allocation = MedoidRefinement.Allocate(counts.Select(c => c.Vectors).ToList(), size);
        var samples = await Task.WhenAll(allocation.Select(async (m, s) =>
        {
            var drawn = new List<FeaturisedInstance>(m);
            for (ShardCursor? cursor = m == 0 ? null : ShardCursor.Start; cursor is not null;)
            {
                var page = await Shard(s).SamplePage(m, seed + s, cursor);
                drawn.AddRange(page.Instances);
                cursor = page.Next;
            }
            return drawn;
        }));
        var sample = samples.SelectMany(x => x);
        return (ordered ? sample.OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal) : sample).ToList();
    }

    /// <summary>Raises the model version and persists it before a pass labels anything, so a version is never used by two passes.</summary>
    private Task NextVersion()
    {
        State.Version++;
        return Commit.Persist();
    }

    private async Task<PassTotals> MeasureShards(PassRequest request) =>
        (await Task.WhenAll(Shards.Select(s => Shard(s).Measure(request)))).Aggregate(PassTotals.Combine);

    private async Task<PassTotals> LabelShards(PassRequest request) =>
        (await Task.WhenAll(Shards.Select(s => Shard(s).Label(request, State.Version)))).Aggregate(PassTotals.Combine);

    private Task ResetClusters(float[] centres, PassTotals totals) =>
        Task.WhenAll(Enumerable.Range(0, K).Select(j => Cluster(j).Reset(centres.AsSpan(j * D, D).ToArray(),
            totals.Counts[j], totals.Modalities[j], totals.Regions[j], State.Version)));

    private async Task<ShardCounts> Counts()
    {
        var counts = await Task.WhenAll(Shards.Select(s => Shard(s).GetCounts()));
        return new ShardCounts(counts.Sum(c => c.Vectors), counts.Sum(c => c.Quarantined), counts.Sum(c => c.Duplicates));
    }

    /// <summary>
    /// Has every shard deliver the current pass's <paramref name="assignments"/> to their studies (each shard retries its
    /// studies until they acknowledge or the deadline passes, <see cref="AssignmentDelivery"/>), then records the pass as
    /// delivered, so a coordinator that re-activates knows whether a pass may have been lost with its silo
    /// (<see cref="RecoverInBackground"/>). Until then, status counts the undelivered assignments as pending; each shard's
    /// acknowledged count leaves the pending count when that shard's delivery returns.
    /// </summary>
    private async Task Deliver(long assignments)
    {
        var version = _deliveringVersion = State.Version;
        _undelivered += assignments;
        _unconfirmedPass = false;
        var remaining = assignments;
        var complete = true;
        var unreachable = false;
        try
        {
            await Task.WhenAll(Shards.Select(async s =>
            {
                try
                {
                    var report = await Shard(s).Deliver(version);
                    _undelivered -= report.Acknowledged;
                    remaining -= report.Acknowledged;
                    complete &= report.Failed == 0;
                }
                catch (Exception e)
                {
                    logger.LogWarning("Model {Model}: shard {Shard} did not deliver pass {Version} ({Error})", Model, s, version, e.GetType().Name);
                    complete = false;
                    unreachable = true;
                }
            }));
            if (!complete || remaining > 0)
            {
                // A shard that could not be reached (its silo died) is re-activated elsewhere within seconds, but a study that
                // kept failing was retried for the whole deadline already: so the first is retried soon, the second later.
                if (version == State.Version) RedeliverLater(version, unreachable ? AssignmentDelivery.MaxBackoff : DeliveryDeadline).Ignore();
                return;
            }
        }
        finally
        {
            // What a failed delivery left is not pending anymore for this activation's accounting: the marker below stays behind instead.
            _undelivered -= remaining;
            if (remaining > 0 && version == State.Version) _unconfirmedPass = true;
        }
        if (version != State.Version || State.DeliveredVersion >= version) return;
        State.DeliveredVersion = version;
        await Commit.Persist();
    }

    private TimeSpan DeliveryDeadline => TimeSpan.FromSeconds(_options.AssignmentDeliverySeconds);

    /// <summary>
    /// After a pass whose delivery gave up, waits <paramref name="delay"/> and runs a new pass, unless another pass came
    /// meanwhile; so an undelivered pass is retried while this activation lives, not only when it re-activates.
    /// </summary>
    private async Task RedeliverLater(int version, TimeSpan delay)
    {
        await Task.Delay(delay);
        if (State.Version != version || State.DeliveredVersion >= version) return;
        _deliveringVersion = 0; // no delivery of this version is under way anymore: Redeliver may run a new pass
        await RecoverInBackground();
    }

    /// <summary>
    /// Runs a reassignment pass through this grain's own queue to re-deliver every assignment after a re-activation found
    /// the last pass undelivered; retried with backoff while the shards or cluster grains are unreachable, and once more after
    /// the delivery deadline when those retries ran out.
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
        if (State.DeliveredVersion < State.Version && _deliveringVersion < State.Version) RedeliverLater(State.Version, DeliveryDeadline).Ignore();
    }

    private static float[] Flatten(IReadOnlyList<FeaturisedInstance> instances, int offset, int length)
    {
        var data = new float[instances.Count * length];
        for (var i = 0; i < instances.Count; i++) instances[i].Fused.AsSpan(offset, length).CopyTo(data.AsSpan(i * length, length));
        return data;
    }

    private IEmbeddingShardGrain Shard(int shard) => GrainFactory.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(Model, shard));

    private IClusterGrain Cluster(int cluster) => GrainFactory.GetGrain<IClusterGrain>(ShardRouting.ClusterKey(Model, cluster));
}

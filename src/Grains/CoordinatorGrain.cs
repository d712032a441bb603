using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Clustering;
using RadiologyNet.Features;
using RadiologyNet.Grains.Featurisation;

namespace RadiologyNet.Grains;

/// <summary>
/// A model's lifecycle: collects until <see cref="ModelSettings.BootstrapSize"/> vectors have arrived, bootstraps
/// with k-means++ and Lloyd over the shards, then assigns streamed vectors to the nearest centroid and sends
/// each cluster grain one batched update per call. Keeps the accounting of every instance.
/// </summary>
public sealed class CoordinatorGrain(
    IServiceProvider services,
    IOptions<AnnotationOptions> options,
    ILogger<CoordinatorGrain> logger) : Grain, ICoordinatorGrain
{
    private const string Collecting = "collecting";
    private const string Streaming = "streaming";

    private readonly AnnotationOptions _options = options.Value;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _quarantined = [];
    private ModelSettings? _settings;
    private string _phase = Collecting;
    private int _version;
    private int _k;
    private int _d;
    private float[] _centroids = [];
    private long _annotated;
    private long _duplicates;

    private string Model => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task Configure(ModelSettings settings)
    {
        if (settings.Clusters < 1) throw new ArgumentException("k must be at least 1");
        if (settings.BootstrapSize < 1) throw new ArgumentException("the bootstrap size must be at least 1");
        if (_phase == Streaming && _settings != settings)
            throw new InvalidOperationException($"model '{Model}' is already streaming with {_settings}");
        _settings = settings;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Assignment>> Submit(IReadOnlyList<FeaturisedInstance> instances)
    {
        var settings = _settings ?? throw new InvalidOperationException($"model '{Model}' is not configured");
        if (_phase == Streaming) return await AssignOnline(instances);

        foreach (var instance in instances) _pending.Add(instance.SopInstanceUid);
        if (_pending.Count < settings.BootstrapSize) return [];

        var assignments = await Bootstrap();
        var mine = instances.Select(i => i.SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        NotifyStudies(assignments.Where(a => !mine.Contains(a.Assignment.SopInstanceUid))).Ignore();
        return assignments.Where(a => mine.Contains(a.Assignment.SopInstanceUid)).Select(a => a.Assignment).ToList();
    }

    /// <inheritdoc />
    public Task ReportQuarantined(string sopInstanceUid, string reason)
    {
        _quarantined.Add(new(sopInstanceUid, reason));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, string>>> GetQuarantined() =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>(_quarantined.ToList());

    /// <inheritdoc />
    public Task ReportDuplicate(string sopInstanceUid)
    {
        _duplicates++;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Flush()
    {
        if (_phase == Streaming || _pending.Count == 0) return;
        var assignments = await Bootstrap();
        await NotifyStudies(assignments);
    }

    /// <inheritdoc />
    public async Task<int> Reassign()
    {
        if (_phase != Streaming) return 0;
        _version++;
        var passes = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s =>
            Shard(s).Reassign(_centroids, _k, _version)));
        var all = passes.SelectMany(p => p.Assignments.Select((a, i) => (Assignment: a, Study: p.Studies[i], Modality: p.Modalities[i], Region: p.Regions[i])))
            .ToList();
        await Task.WhenAll(all.GroupBy(a => a.Assignment.Cluster).Select(g => Cluster(g.Key).Reset(
            _centroids.AsSpan(g.Key * _d, _d).ToArray(), g.Count(), g.Select(x => x.Modality).ToArray(), g.Select(x => x.Region).ToArray(), _version)));
        await NotifyStudies(all.Select(a => (a.Assignment, a.Study)));
        return all.Count;
    }

    /// <inheritdoc />
    public Task<ModelStatus> GetStatus() => Task.FromResult(new ModelStatus(
        _phase, _version, _k, _annotated, _pending.Count, _quarantined.Count, _duplicates));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClusterSummary>> GetClusters() =>
        await Task.WhenAll(Enumerable.Range(0, _k).Select(j => Cluster(j).GetSummary()));

    /// <inheritdoc />
    public async Task<SourceClusterings> ClusterEachSource()
    {
        var settings = _settings ?? throw new InvalidOperationException($"model '{Model}' is not configured");
        var instances = await GatherAll();
        var n = instances.Count;
        var sops = instances.Select(i => i.SopInstanceUid).ToArray();
        var labels = new Dictionary<string, int[]>();
        if (n == 0 || _phase != Streaming) return new SourceClusterings(sops, [], [], labels);

        var fused = Flatten(instances, 0, _d);
        var fusedLabels = new int[n];
        NearestCentroid.Assign(fused, n, _d, _centroids, _k, fusedLabels, new float[n]);
        labels["fused"] = fusedLabels;

        var layout = services.GetRequiredService<InstanceFeaturizer>().Layout;
        foreach (var (source, offset, length) in new[]
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
            var k = Math.Min(settings.Clusters, n);
            labels[source] = (await Task.Run(() => KMeans.Fit(slice, n, length, k, settings.Seed))).Labels;
        }
        return new SourceClusterings(sops, instances.Select(i => i.Modality).ToArray(), instances.Select(i => i.Region).ToArray(), labels);
    }

    private async Task<List<(Assignment Assignment, string Study)>> Bootstrap()
    {
        var settings = _settings!;
        var instances = (await GatherAll()).Where(i => _pending.Contains(i.SopInstanceUid)).ToList();
        var n = instances.Count;
        _d = instances[0].Fused.Length;
        _k = Math.Min(settings.Clusters, n);
        if (_k < settings.Clusters)
            logger.LogWarning("Bootstrapping model {Model} with k = {K}: only {N} vectors arrived", Model, _k, n);

        var data = Flatten(instances, 0, _d);
        var result = await Task.Run(() => KMeans.Fit(data, n, _d, _k, settings.Seed));
        _centroids = result.Centroids;
        var distances = new float[n];
        var labels = new int[n];
        NearestCentroid.Assign(data, n, _d, _centroids, _k, labels, distances);
        _version = 1;
        _phase = Streaming;

        await Task.WhenAll(Enumerable.Range(0, _k).Select(j =>
        {
            var members = Enumerable.Range(0, n).Where(i => labels[i] == j).ToList();
            return Cluster(j).Reset(_centroids.AsSpan(j * _d, _d).ToArray(), members.Count,
                members.Select(i => instances[i].Modality).ToArray(), members.Select(i => instances[i].Region).ToArray(), _version);
        }));
        _annotated += _pending.Count;
        _pending.Clear();
        logger.LogInformation("Model {Model} bootstrapped on {N} vectors of {D} dimensions into {K} clusters (inertia {Inertia:F3}, {Iterations} Lloyd iterations)",
            Model, n, _d, _k, result.Inertia, result.Iterations);
        return instances.Select((inst, i) => (new Assignment(inst.SopInstanceUid, labels[i], MathF.Sqrt(distances[i]), _version), inst.StudyInstanceUid)).ToList();
    }

    private async Task<IReadOnlyList<Assignment>> AssignOnline(IReadOnlyList<FeaturisedInstance> instances)
    {
        var assignments = new Assignment[instances.Count];
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < instances.Count; i++)
        {
            var cluster = NearestCentroid.Nearest(instances[i].Fused, _centroids, _k, out var squared);
            assignments[i] = new Assignment(instances[i].SopInstanceUid, cluster, MathF.Sqrt(squared), _version);
            if (!groups.TryGetValue(cluster, out var members)) groups[cluster] = members = [];
            members.Add(i);
        }
        foreach (var (cluster, members) in groups)
        {
            var sum = new double[_d];
            foreach (var i in members) MacQueen.Accumulate(sum, instances[i].Fused);
            var update = new ClusterUpdate(sum, members.Count,
                members.Select(i => instances[i].Modality).ToArray(), members.Select(i => instances[i].Region).ToArray());
            var centroid = await Cluster(cluster).Absorb(update);
            centroid.CopyTo(_centroids, cluster * _d);
        }
        _annotated += instances.Count;
        return assignments;
    }

    private async Task<List<FeaturisedInstance>> GatherAll()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(s => Shard(s).GetAll()));
        return shards.SelectMany(s => s).OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();
    }

    private Task NotifyStudies(IEnumerable<(Assignment Assignment, string Study)> assignments) =>
        Task.WhenAll(assignments.GroupBy(a => a.Study).Select(g =>
            GrainFactory.GetGrain<IStudyGrain>(g.Key).ApplyAssignments(g.Select(x => x.Assignment).ToList())));

    private static float[] Flatten(IReadOnlyList<FeaturisedInstance> instances, int offset, int length)
    {
        var data = new float[instances.Count * length];
        for (var i = 0; i < instances.Count; i++) instances[i].Fused.AsSpan(offset, length).CopyTo(data.AsSpan(i * length, length));
        return data;
    }

    private IEmbeddingShardGrain Shard(int shard) => GrainFactory.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(Model, shard));

    private IClusterGrain Cluster(int cluster) => GrainFactory.GetGrain<IClusterGrain>(ShardRouting.ClusterKey(Model, cluster));
}

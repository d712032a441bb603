using Orleans.Concurrency;
using Microsoft.Extensions.Options;
using RadiologyNet.Clustering;

namespace RadiologyNet.Grains;

/// <summary>
/// A hash range of a model's instances, held contiguously, persisted with group commits. Placed by the hash of its key,
/// so a model's shards (the unit of data-parallel passes) spread over the silos; Orleans' default resource-optimised
/// placement once put all eight on one silo of three.
/// </summary>
[Reentrant]
[Orleans.Placement.HashBasedPlacement]
public sealed class EmbeddingShardGrain : Grain, IEmbeddingShardGrain
{
    private readonly IPersistentState<ShardState> _state;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly GroupCommit _commit;

    public EmbeddingShardGrain([PersistentState("shard", StorageNames.Grains)] IPersistentState<ShardState> state, IOptions<AnnotationOptions> options)
    {
        _state = state;
        _commit = new GroupCommit(WriteSnapshot, TimeSpan.FromMilliseconds(options.Value.ShardCommitMilliseconds));
    }

    private List<FeaturisedInstance> Instances => _state.State.Instances;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Instances.Count; i++) _index[Instances[i].SopInstanceUid] = i;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Add(IReadOnlyList<FeaturisedInstance> instances)
    {
        foreach (var instance in instances)
        {
            if (_index.TryGetValue(instance.SopInstanceUid, out var at))
            {
                Instances[at] = instance;
            }
            else
            {
                _index[instance.SopInstanceUid] = Instances.Count;
                Instances.Add(instance);
            }
            _state.State.Quarantined.Remove(instance.SopInstanceUid);
        }
        return _commit.Persist();
    }

    /// <inheritdoc />
    public Task AddQuarantined(string sopInstanceUid, string reason)
    {
        if (_index.ContainsKey(sopInstanceUid)) return Task.CompletedTask;
        _state.State.Quarantined[sopInstanceUid] = reason;
        return _commit.Persist();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Unsettled(IReadOnlyList<string> sopInstanceUids) =>
        Task.FromResult<IReadOnlyList<string>>(sopInstanceUids
            .Where(s => !_index.ContainsKey(s) && !_state.State.Quarantined.ContainsKey(s)).ToList());

    /// <inheritdoc />
    public Task CountDuplicate()
    {
        _state.State.Duplicates++;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ShardCounts> GetCounts() => Task.FromResult(new ShardCounts(Instances.Count, _state.State.Quarantined.Count, _state.State.Duplicates));

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, string>>> GetQuarantined() =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>(_state.State.Quarantined.ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<FeaturisedInstance>> GetAll() => Task.FromResult<IReadOnlyList<FeaturisedInstance>>(Instances.ToArray());

    /// <inheritdoc />
    public Task<IReadOnlyList<FeaturisedInstance>> Sample(int count, int seed)
    {
        var n = Instances.Count;
        if (count >= n) return GetAll();
        // Partial Fisher–Yates over the ordinal order of SOPInstanceUIDs, so the sample depends only on the content and the seed.
        var order = Instances.Select((inst, i) => (inst.SopInstanceUid, i)).OrderBy(x => x.SopInstanceUid, StringComparer.Ordinal).Select(x => x.i).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return Task.FromResult<IReadOnlyList<FeaturisedInstance>>(order.Take(count).Select(i => Instances[i]).ToArray());
    }

    /// <inheritdoc />
    public Task<FeaturisedInstance?> Get(string sopInstanceUid) =>
        Task.FromResult(_index.TryGetValue(sopInstanceUid, out var at) ? Instances[at] : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric)
    {
        var d = query.Length;
        var matching = Instances.Where(i => i.Fused.Length == d).ToList();
        var data = new float[matching.Count * d];
        for (var i = 0; i < matching.Count; i++) matching[i].Fused.CopyTo(data, i * d);
        var hits = NearestRows.Find(query, data, matching.Count, count, metric == CentreMetric.Manhattan, i => matching[i].SopInstanceUid);
        return Task.FromResult<IReadOnlyList<Neighbour>>(hits.Select(h => new Neighbour(matching[h.Row].SopInstanceUid, h.Distance, matching[h.Row].Modality, matching[h.Row].Region)).ToList());
    }

    /// <inheritdoc />
    public Task<ShardReassignment> Reassign(float[] centres, int clusters, CentreMetric metric, int version)
    {
        var n = Instances.Count;
        if (n == 0 || clusters == 0)
            return Task.FromResult(new ShardReassignment([], [], [], [], new long[clusters], new double[clusters], []));
        var d = centres.Length / clusters;
        var data = new float[n * d];
        for (var i = 0; i < n; i++) Instances[i].Fused.CopyTo(data, i * d);
        var labels = new int[n];
        var distances = new float[n];
        if (metric == CentreMetric.Euclidean)
        {
            NearestCentroid.Assign(data, n, d, centres, clusters, labels, distances);
            for (var i = 0; i < n; i++) distances[i] = MathF.Sqrt(distances[i]);
        }
        else
        {
            for (var i = 0; i < n; i++)
                labels[i] = ManhattanNearest.Nearest(data.AsSpan(i * d, d), centres, clusters, out distances[i]);
        }

        var counts = new long[clusters];
        var costs = new double[clusters];
        var sums = new double[clusters * d];
        var result = new Assignment[n];
        for (var i = 0; i < n; i++)
        {
            var j = labels[i];
            counts[j]++;
            costs[j] += distances[i];
            MacQueen.Accumulate(sums.AsSpan(j * d, d), data.AsSpan(i * d, d));
            result[i] = new Assignment(Instances[i].SopInstanceUid, j, distances[i], version);
        }
        return Task.FromResult(new ShardReassignment(result,
            Instances.Select(i => i.StudyInstanceUid).ToArray(),
            Instances.Select(i => i.Modality).ToArray(),
            Instances.Select(i => i.Region).ToArray(),
            counts, costs, sums));
    }

    private Task WriteSnapshot()
    {
        // Hand storage a copy, so adds interleaved with the write never mutate what is being serialised.
        var live = _state.State;
        _state.State = new ShardState { Instances = [.. live.Instances], Quarantined = new(live.Quarantined, StringComparer.Ordinal), Duplicates = live.Duplicates };
        var write = _state.WriteStateAsync();
        _state.State = live;
        return write;
    }
}

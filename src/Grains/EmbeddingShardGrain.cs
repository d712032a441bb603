using Orleans.Concurrency;
using Orleans.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RadiologyNet.Clustering;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains;

/// <summary>
/// A hash range of a model's instances, held contiguously in memory. Persisted as an append-only log: every
/// <see cref="AnnotationOptions.ShardSegmentSize"/> instances are sealed into an immutable segment
/// (<see cref="IShardSegmentStore"/>), and the grain state, written with group commits, holds only the segment count and the
/// instances since the last seal, so a write costs at most one segment's vectors however large the shard grows. Placed by
/// the hash of its key, so a model's shards (the unit of data-parallel passes) spread over the silos; Orleans' default
/// resource-optimised placement once put all eight on one silo of three. Read in pages (<see cref="ReadPage"/>,
/// <see cref="ReadQuarantined"/>) of at most a quarter of the silo's maximum message body, never whole.
/// </summary>
[Reentrant]
[Orleans.Placement.HashBasedPlacement]
public sealed class EmbeddingShardGrain : Grain, IEmbeddingShardGrain
{
    private readonly IPersistentState<ShardState> _state;
    private readonly IShardSegmentStore _segments;
    private readonly Serializer _serializer;
    private readonly int _segmentSize;
    private readonly List<FeaturisedInstance> _instances = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _quarantineOrder = [];
    private readonly int _pageBytes;
    private readonly GroupCommit _commit;

    public EmbeddingShardGrain([PersistentState("shard", StorageNames.Grains)] IPersistentState<ShardState> state, IShardSegmentStore segments,
        Serializer serializer, IOptions<AnnotationOptions> options, IOptions<SiloMessagingOptions> messaging)
    {
        _pageBytes = Math.Max(1, messaging.Value.MaxMessageBodySize / 4);
        _state = state;
        _segments = segments;
        _serializer = serializer;
        _segmentSize = options.Value.ShardSegmentSize;
        _commit = new GroupCommit(WriteSnapshot, TimeSpan.FromMilliseconds(options.Value.ShardCommitMilliseconds));
    }

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var sealedSegments = await Task.WhenAll(Enumerable.Range(0, _state.State.Segments).Select(i => _segments.ReadAsync(Key, i, cancellationToken)));
        foreach (var segment in sealedSegments)
            foreach (var instance in _serializer.Deserialize<List<FeaturisedInstance>>(segment) ?? []) Upsert(instance);
        foreach (var instance in _state.State.Tail) Upsert(instance);
        _quarantineOrder.AddRange(_state.State.Quarantined.Keys.Order(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public Task Add(IReadOnlyList<FeaturisedInstance> instances)
    {
        // One length per shard, checked before anything is stored: a pass over a shard of mixed lengths would fail for every instance in it.
        var length = _instances.Count > 0 ? _instances[0].Fused.Length : instances.Count > 0 ? instances[0].Fused.Length : 0;
        if (instances.FirstOrDefault(i => i.Fused.Length != length) is { } misfit)
            throw new ArgumentException($"a vector of {misfit.Fused.Length} values cannot join a shard of {length}-value vectors");
        foreach (var instance in instances)
        {
            Upsert(instance);
            _state.State.Tail.Add(instance);
            if (_state.State.Quarantined.Remove(instance.SopInstanceUid)) _quarantineOrder.RemoveAt(_quarantineOrder.BinarySearch(instance.SopInstanceUid, StringComparer.Ordinal));
        }
        return _commit.Persist();
    }

    /// <inheritdoc />
    public Task AddQuarantined(string sopInstanceUid, string reason)
    {
        if (_index.ContainsKey(sopInstanceUid)) return Task.CompletedTask;
        if (_state.State.Quarantined.TryAdd(sopInstanceUid, reason)) _quarantineOrder.Insert(~_quarantineOrder.BinarySearch(sopInstanceUid, StringComparer.Ordinal), sopInstanceUid);
        else _state.State.Quarantined[sopInstanceUid] = reason;
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
    public Task<ShardCounts> GetCounts() => Task.FromResult(new ShardCounts(_instances.Count, _state.State.Quarantined.Count, _state.State.Duplicates));

    /// <inheritdoc />
    public Task<QuarantinePage> ReadQuarantined(QuarantineCursor cursor)
    {
        var found = _quarantineOrder.BinarySearch(cursor.After, StringComparer.Ordinal);
        var from = found >= 0 ? found + 1 : ~found;
        var entries = new List<QuarantinedInstance>();
        var bytes = 0L;
        for (var i = from; i < _quarantineOrder.Count; i++)
        {
            var entry = new QuarantinedInstance(_quarantineOrder[i], _state.State.Quarantined[_quarantineOrder[i]]);
            bytes += PageBytes.Of(entry);
            if (entries.Count > 0 && bytes > _pageBytes) break;
            entries.Add(entry);
        }
        var more = from + entries.Count < _quarantineOrder.Count;
        return Task.FromResult(new QuarantinePage(entries.ToArray(), more ? cursor with { After = entries[^1].SopInstanceUid } : null));
    }

    /// <inheritdoc />
    public Task<ShardPage> ReadPage(ShardCursor cursor)
    {
        var page = new List<FeaturisedInstance>();
        var bytes = 0L;
        var from = Math.Max(0, cursor.Position);
        for (var i = from; i < _instances.Count; i++)
        {
            bytes += PageBytes.Of(_instances[i]);
            if (page.Count > 0 && bytes > _pageBytes) break;
            page.Add(_instances[i]);
        }
        var next = from + page.Count;
        return Task.FromResult(new ShardPage(page.ToArray(), next < _instances.Count ? new ShardCursor(next) : null));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeaturisedInstance>> Sample(int count, int seed)
    {
        var n = _instances.Count;
        if (count >= n) return Task.FromResult<IReadOnlyList<FeaturisedInstance>>(_instances.ToArray());
        // Partial Fisher–Yates over the ordinal order of SOPInstanceUIDs, so the sample depends only on the content and the seed.
        var order = _instances.Select((inst, i) => (inst.SopInstanceUid, i)).OrderBy(x => x.SopInstanceUid, StringComparer.Ordinal).Select(x => x.i).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return Task.FromResult<IReadOnlyList<FeaturisedInstance>>(order.Take(count).Select(i => _instances[i]).ToArray());
    }

    /// <inheritdoc />
    public Task<FeaturisedInstance?> Get(string sopInstanceUid) =>
        Task.FromResult(_index.TryGetValue(sopInstanceUid, out var at) ? _instances[at] : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric)
    {
        var d = query.Length;
        var matching = _instances.Where(i => i.Fused.Length == d).ToList();
        var data = new float[matching.Count * d];
        for (var i = 0; i < matching.Count; i++) matching[i].Fused.CopyTo(data, i * d);
        var hits = NearestRows.Find(query, data, matching.Count, count, metric == CentreMetric.Manhattan, i => matching[i].SopInstanceUid);
        return Task.FromResult<IReadOnlyList<Neighbour>>(hits.Select(h => new Neighbour(matching[h.Row].SopInstanceUid, h.Distance, matching[h.Row].Modality, matching[h.Row].Region)).ToList());
    }

    /// <inheritdoc />
    public Task<ShardReassignment> Reassign(float[] centres, int clusters, CentreMetric metric, int version)
    {
        var n = _instances.Count;
        if (n == 0 || clusters == 0)
            return Task.FromResult(new ShardReassignment([], [], [], [], new long[clusters], new double[clusters], []));
        var d = centres.Length / clusters;
        var data = new float[n * d];
        for (var i = 0; i < n; i++) _instances[i].Fused.CopyTo(data, i * d);
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
            result[i] = new Assignment(_instances[i].SopInstanceUid, j, distances[i], version);
        }
        return Task.FromResult(new ShardReassignment(result,
            _instances.Select(i => i.StudyInstanceUid).ToArray(),
            _instances.Select(i => i.Modality).ToArray(),
            _instances.Select(i => i.Region).ToArray(),
            counts, costs, sums));
    }

    private void Upsert(FeaturisedInstance instance)
    {
        if (_index.TryGetValue(instance.SopInstanceUid, out var at))
        {
            _instances[at] = instance;
        }
        else
        {
            _index[instance.SopInstanceUid] = _instances.Count;
            _instances.Add(instance);
        }
    }

    /// <summary>
    /// Seals the tail into the next segment once it is a segment long, then writes the state. Runs one at a time (group
    /// commit); adds that interleave with it stay in the tail for the next write. If the state write fails after a seal,
    /// the stored state still lists the sealed instances in its tail, and the orphaned segment is overwritten by the next seal.
    /// </summary>
    private async Task WriteSnapshot()
    {
        var live = _state.State;
        if (live.Tail.Count >= _segmentSize)
        {
            var sealing = live.Tail.Count;
            await _segments.WriteAsync(Key, live.Segments, _serializer.SerializeToArray(live.Tail.GetRange(0, sealing)));
            live.Tail.RemoveRange(0, sealing);
            live.Segments++;
        }
        // Hand storage a copy, so adds interleaved with the write never mutate what is being serialised.
        _state.State = new ShardState { Tail = [.. live.Tail], Quarantined = new(live.Quarantined, StringComparer.Ordinal), Duplicates = live.Duplicates, Segments = live.Segments };
        var write = _state.WriteStateAsync();
        _state.State = live;
        await write;
    }
}

using Orleans.Concurrency;
using Orleans.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RadiologyNet.Clustering;
using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains;

/// <summary>
/// A hash range of a model's instances, held contiguously in memory. Persisted as an append-only log: every
/// <see cref="AnnotationOptions.ShardSegmentSize"/> instances are sealed into an immutable segment
/// (<see cref="IShardSegmentStore"/>), and the grain state, written with group commits, holds only the segment count and the
/// instances since the last seal, so a write costs at most one segment's vectors however large the shard grows. Placed by
/// the hash of its key, so a model's shards (the unit of data-parallel passes) spread over the silos; Orleans' default
/// resource-optimised placement once put all eight on one silo of three. Read in pages (<see cref="ReadPage"/>,
/// <see cref="ReadQuarantined"/>) of at most a quarter of the silo's maximum message body, never whole. The passes
/// (<see cref="Measure"/>, <see cref="Label"/>, <see cref="LabelSource"/>, <see cref="Nearest"/>) go to the data: they stream
/// the shard in <see cref="ShardBlock"/>s (<see cref="Blocks"/>) and return O(k·d) totals; the labels stay here
/// (<see cref="ShardLabels"/>) and the shard delivers the model's to the studies itself (<see cref="Deliver"/>).
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
    private readonly ShardLabels _labels = new();
    private readonly TimeSpan _deliveryDeadline;
    private readonly ILogger<EmbeddingShardGrain> _logger;
    private (int Count, int Seed, int Rows, int[] Order)? _sample;

    /// <summary>Rows per block a pass streams.</summary>
    public const int BlockRows = 4096;

    public EmbeddingShardGrain([PersistentState("shard", StorageNames.Grains)] IPersistentState<ShardState> state, IShardSegmentStore segments,
        Serializer serializer, IOptions<AnnotationOptions> options, IOptions<SiloMessagingOptions> messaging, ILogger<EmbeddingShardGrain> logger)
    {
        _pageBytes = Math.Max(1, messaging.Value.MaxMessageBodySize / 4);
        _deliveryDeadline = TimeSpan.FromSeconds(options.Value.AssignmentDeliverySeconds);
        _logger = logger;
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
    public async Task<int> Add(IReadOnlyList<FeaturisedInstance> instances)
    {
        // Read before anything awaits: a pass that starts scanning after this point does not count these rows.
        var generation = _state.State.PassGeneration;
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
        await _commit.Persist();
        return generation;
    }

    /// <inheritdoc />
    public Task<int> GenerationOf(string sopInstanceUid) => Task.FromResult(
        _index.TryGetValue(sopInstanceUid, out var row) && _labels.VersionOf(row) > 0 ? _labels.VersionOf(row) - 1 : _state.State.PassGeneration);

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
    public Task<ShardPage> SamplePage(int count, int seed, ShardCursor cursor)
    {
        var order = SampleOrder(count, seed);
        var page = new List<FeaturisedInstance>();
        var bytes = 0L;
        var from = Math.Max(0, cursor.Position);
        for (var i = from; i < order.Length; i++)
        {
            bytes += PageBytes.Of(_instances[order[i]]);
            if (page.Count > 0 && bytes > _pageBytes) break;
            page.Add(_instances[order[i]]);
        }
        var next = from + page.Count;
        return Task.FromResult(new ShardPage(page.ToArray(), next < order.Length ? new ShardCursor(next) : null));
    }

    /// <summary>
    /// The rows of a seeded sample of up to <paramref name="count"/>: every row in storage order when the shard holds no more,
    /// else a partial Fisher–Yates over the ordinal order of SOPInstanceUIDs, so the sample depends only on the content and
    /// the seed. Kept for the pages that follow (until the shard grows or another sample is asked for).
    /// </summary>
    private int[] SampleOrder(int count, int seed)
    {
        var n = _instances.Count;
        if (_sample is { } cached && cached.Count == count && cached.Seed == seed && cached.Rows == n) return cached.Order;
        int[] order;
        if (count >= n) order = Enumerable.Range(0, n).ToArray();
        else
        {
            order = _instances.Select((inst, i) => (inst.SopInstanceUid, i)).OrderBy(x => x.SopInstanceUid, StringComparer.Ordinal).Select(x => x.i).ToArray();
            var random = new Random(seed);
            for (var i = 0; i < count; i++)
            {
                var j = random.Next(i, n);
                (order[i], order[j]) = (order[j], order[i]);
            }
            order = order[..count];
        }
        _sample = (count, seed, n, order);
        return order;
    }

    /// <inheritdoc />
    public Task<FeaturisedInstance?> Get(string sopInstanceUid) =>
        Task.FromResult(_index.TryGetValue(sopInstanceUid, out var at) ? _instances[at] : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric)
    {
        var d = query.Length;
        if (_instances.Count == 0 || _instances[0].Fused.Length != d || count <= 0) return Task.FromResult<IReadOnlyList<Neighbour>>([]);
        // Each block's best, merged: the best of all rows are among the best of their blocks.
        var best = new List<Neighbour>();
        foreach (var block in Blocks(_instances.Count))
        {
            var hits = NearestRows.Find(query, block.Vectors.Span[..(block.Rows * d)], block.Rows, count, metric == CentreMetric.Manhattan, i => block.SopInstanceUids[i]);
            best.AddRange(hits.Select(h => new Neighbour(block.SopInstanceUids[h.Row], h.Distance, block.Modalities[h.Row], block.Regions[h.Row])));
            best = best.OrderBy(n => n.Distance).ThenBy(n => n.SopInstanceUid, StringComparer.Ordinal).Take(count).ToList();
        }
        return Task.FromResult<IReadOnlyList<Neighbour>>(best);
    }

    /// <inheritdoc />
    public Task<PassTotals> Measure(PassRequest request) => Task.FromResult(ShardPass.Run(Blocks(_instances.Count), request));

    /// <inheritdoc />
    public async Task<PassTotals> Label(PassRequest request, int version)
    {
        if (request.Slice is not null) throw new ArgumentException("the model's labels are of the fused vectors, not a source's slice");
        // The pass counts the rows present now; rows added from here on are told this generation, so the coordinator absorbs them.
        _state.State.PassGeneration = Math.Max(_state.State.PassGeneration, version);
        var changed = 0L;
        var totals = ShardPass.Run(Blocks(_instances.Count), request, (row, cluster, distance) =>
        {
            if (_labels.Store(row, cluster, distance, version)) changed++;
        });
        await _commit.Persist();
        return totals with { Changed = changed };
    }

    /// <inheritdoc />
    public Task<Assignment[]> LabelsOf(IReadOnlyList<string> sopInstanceUids) => Task.FromResult(sopInstanceUids
        .Select(sop => _index.TryGetValue(sop, out var row) && _labels.Of(row) is { } label ? new Assignment(sop, label.Cluster, label.Distance, label.Version) : null)
        .OfType<Assignment>().ToArray());

    /// <inheritdoc />
    public async Task<DeliveryReport> Deliver(int version)
    {
        // Block by block, so only one block's assignments are held at a time; a study whose rows span blocks gets a call per block.
        var (acknowledged, failed) = (0L, 0L);
        for (var first = 0; first < _instances.Count; first += BlockRows)
        {
            var batch = new List<(Assignment Assignment, string Study)>();
            for (var row = first; row < Math.Min(_instances.Count, first + BlockRows); row++)
                if (_labels.Of(row, version) is { } label)
                    batch.Add((new Assignment(_instances[row].SopInstanceUid, label.Cluster, label.Distance, version), _instances[row].StudyInstanceUid));
            if (batch.Count == 0) continue;
            var taken = 0L;
            await AssignmentDelivery.DeliverAsync(GrainFactory, batch, _deliveryDeadline, n => taken += n, _logger);
            acknowledged += taken;
            failed += batch.Count - taken;
        }
        return new DeliveryReport(acknowledged, failed);
    }

    /// <inheritdoc />
    public Task<PassTotals> LabelSource(PassRequest request)
    {
        var labels = _labels.BeginSource(request.Slice?.Source ?? "fused", _instances.Count);
        return Task.FromResult(ShardPass.Run(Blocks(labels.Length), request, (row, cluster, _) => labels[row] = cluster));
    }

    /// <inheritdoc />
    public Task<LabelPage> ReadLabels(LabelCursor cursor)
    {
        var sources = _labels.Sources;
        var rows = new List<LabelRow>();
        var bytes = 0L;
        var from = Math.Max(0, cursor.Position);
        for (var i = from; i < _instances.Count; i++)
        {
            var instance = _instances[i];
            var row = new LabelRow(instance.SopInstanceUid, instance.Modality, instance.Region, sources.Select(s => _labels.SourceLabel(s, i)).ToArray());
            bytes += PageBytes.Of(row);
            if (rows.Count > 0 && bytes > _pageBytes) break;
            rows.Add(row);
        }
        var next = from + rows.Count;
        return Task.FromResult(new LabelPage(sources, rows.ToArray(), next < _instances.Count ? cursor with { Position = next } : null));
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows as blocks of <see cref="BlockRows"/>: the one place a pass reads the shard's
    /// vectors (a columnar store replaces it).
    /// </summary>
    private IEnumerable<ShardBlock> Blocks(int rows)
    {
        for (var first = 0; first < rows; first += BlockRows)
            yield return ShardBlock.Of(_instances.GetRange(first, Math.Min(BlockRows, rows - first)), first);
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
        _state.State = new ShardState
        {
            Tail = [.. live.Tail], Quarantined = new(live.Quarantined, StringComparer.Ordinal), Duplicates = live.Duplicates, Segments = live.Segments,
            PassGeneration = live.PassGeneration,
        };
        var write = _state.WriteStateAsync();
        _state.State = live;
        await write;
    }
}

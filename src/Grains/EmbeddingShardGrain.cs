using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RadiologyNet.Clustering;
using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains;

/// <summary>
/// A hash range of a model's instances, kept on storage but for a short resident tail (<see cref="ShardRowStore"/>): every
/// <see cref="AnnotationOptions.ShardSegmentSize"/> instances are sealed into an immutable columnar segment
/// (<see cref="IShardSegmentStore"/>), and the grain state, written with group commits, holds only the segment count and the
/// instances since the last seal, so a write costs at most about one segment's vectors, and memory holds the tail, an index
/// of SOPInstanceUID → row and a few decoded segments, however large the shard grows. Placed by
/// the hash of its key, so a model's shards (the unit of data-parallel passes) spread over the silos; Orleans' default
/// resource-optimised placement once put all eight on one silo of three. Read in pages (<see cref="ReadPage"/>,
/// <see cref="ReadQuarantined"/>) of at most a quarter of the silo's maximum message body, never whole. The passes
/// (<see cref="Measure"/>, <see cref="Label"/>, <see cref="LabelSource"/>, <see cref="Nearest"/>) go to the data: they stream
/// the shard's segments in <see cref="ShardBlock"/>s (<see cref="ShardRowStore.ScanAsync"/>) and return O(k·d) totals; the labels stay here
/// (<see cref="ShardLabels"/>, by row: rows are numbered in append order and never move) and the shard delivers the model's to the
/// studies itself (<see cref="Deliver"/>).
/// </summary>
[Reentrant]
[Orleans.Placement.HashBasedPlacement]
public sealed class EmbeddingShardGrain : Grain, IEmbeddingShardGrain
{
    private readonly IPersistentState<ShardState> _state;
    private readonly IShardSegmentStore _segments;
    private readonly int _segmentSize;
    private readonly List<string> _quarantineOrder = [];
    private readonly int _pageBytes;
    private readonly GroupCommit _commit;
    private readonly ShardLabels _labels = new();
    private readonly int _exemplarsPerCluster;
    private ClusterExemplars _exemplars = new(0, 0);
    private readonly TimeSpan _deliveryDeadline;
    private readonly ILogger<EmbeddingShardGrain> _logger;
    private ShardRowStore _rows = null!;
    private bool _stateChanged;
    private int _countedSegments;
    private bool _toldOversize;
    private (int Count, int Seed, int Rows, FeaturisedInstance[] Instances)? _sample;

    /// <summary>Most assignments <see cref="Deliver"/> hands the studies at once.</summary>
    private const int DeliveryRows = 4096;

    public EmbeddingShardGrain([PersistentState("shard", StorageNames.Grains)] IPersistentState<ShardState> state, IShardSegmentStore segments,
        IOptions<AnnotationOptions> options, IOptions<SiloMessagingOptions> messaging, ILogger<EmbeddingShardGrain> logger)
    {
        _pageBytes = Math.Max(1, messaging.Value.MaxMessageBodySize / 4);
        _deliveryDeadline = TimeSpan.FromSeconds(options.Value.AssignmentDeliverySeconds);
        _exemplarsPerCluster = options.Value.ExemplarsPerCluster;
        _logger = logger;
        _state = state;
        _segments = segments;
        _segmentSize = options.Value.ShardSegmentSize;
        _commit = new GroupCommit(WriteSnapshot, TimeSpan.FromMilliseconds(options.Value.ShardCommitMilliseconds));
    }

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rows = await ShardRowStore.OpenAsync(_segments, Key, _state.State.Segments, _state.State.Tail, _segmentSize, cancellationToken: cancellationToken);
        // A state written before journals held its tail: the next write journals those rows and drops them from the state.
        _stateChanged = _state.State.Tail.Count > 0;
        _state.State.Tail = [];
        _countedSegments = _state.State.Segments;
        _quarantineOrder.AddRange(_state.State.Quarantined.Keys.Order(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public async Task<int> Add(IReadOnlyList<FeaturisedInstance> instances)
    {
        // Read before anything awaits: a pass that starts scanning after this point does not count these rows.
        var generation = _state.State.PassGeneration;
        // One length per shard, checked before anything is stored: a pass over a shard of mixed lengths would fail for every instance in it.
        var length = _rows.Dimension ?? (instances.Count > 0 ? instances[0].Fused.Length : 0);
        if (instances.FirstOrDefault(i => i.Fused.Length != length) is { } misfit)
            throw new ArgumentException($"a vector of {misfit.Fused.Length} values cannot join a shard of {length}-value vectors");
        foreach (var instance in instances)
        {
            _rows.Append(instance);
            if (!_state.State.Quarantined.Remove(instance.SopInstanceUid)) continue;
            _quarantineOrder.RemoveAt(_quarantineOrder.BinarySearch(instance.SopInstanceUid, StringComparer.Ordinal));
            _stateChanged = true;
        }
        if (_rows.Count > AnnotationOptions.InstancesPerShard && !_toldOversize)
        {
            _toldOversize = true;
            _logger.LogWarning("Shard {Shard} holds {Count} instances, more than the {Planned} a shard is planned for: passes and activations slow down " +
                "with it; give the next model more Annotation:Shards", Key, _rows.Count, AnnotationOptions.InstancesPerShard);
        }
        await _commit.Persist();
        return generation;
    }

    /// <inheritdoc />
    public Task<int> GenerationOf(string sopInstanceUid) => Task.FromResult(
        _rows.RowOf(sopInstanceUid) is var row and >= 0 && _labels.VersionOf(row) > 0 ? _labels.VersionOf(row) - 1 : _state.State.PassGeneration);

    /// <inheritdoc />
    public Task AddQuarantined(string sopInstanceUid, string reason)
    {
        if (_rows.Contains(sopInstanceUid)) return Task.CompletedTask;
        if (_state.State.Quarantined.TryAdd(sopInstanceUid, reason)) _quarantineOrder.Insert(~_quarantineOrder.BinarySearch(sopInstanceUid, StringComparer.Ordinal), sopInstanceUid);
        else _state.State.Quarantined[sopInstanceUid] = reason;
        _stateChanged = true;
        return _commit.Persist();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Unsettled(IReadOnlyList<string> sopInstanceUids) =>
        Task.FromResult<IReadOnlyList<string>>(sopInstanceUids
            .Where(s => !_rows.Contains(s) && !_state.State.Quarantined.ContainsKey(s)).ToList());

    /// <inheritdoc />
    public Task CountDuplicate()
    {
        _state.State.Duplicates++;
        _stateChanged = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ShardCounts> GetCounts() => Task.FromResult(new ShardCounts(_rows.Count, _state.State.Quarantined.Count, _state.State.Duplicates));

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
    public async Task<ShardPage> ReadPage(ShardCursor cursor)
    {
        var page = new List<FeaturisedInstance>();
        var bytes = 0L;
        var (from, end) = (Math.Max(0, cursor.Position), _rows.Rows);
        int? next = null;
        await foreach (var block in _rows.ScanAsync(from, end))
        {
            for (var r = 0; r < block.Rows && next is null; r++)
            {
                var instance = block.Instance(r);
                bytes += PageBytes.Of(instance);
                if (page.Count > 0 && bytes > _pageBytes) next = (int)block.FirstRow + r;
                else page.Add(instance);
            }
            if (next is not null) break;
        }
        // Rows appended while the page was read are the next page's.
        next ??= end < _rows.Rows ? end : null;
        return new ShardPage(page.ToArray(), next is { } at ? new ShardCursor(at) : null);
    }

    /// <inheritdoc />
    public async Task<ShardPage> SamplePage(int count, int seed, ShardCursor cursor)
    {
        var sample = await Sample(count, seed);
        var page = new List<FeaturisedInstance>();
        var bytes = 0L;
        var from = Math.Max(0, cursor.Position);
        for (var i = from; i < sample.Length; i++)
        {
            bytes += PageBytes.Of(sample[i]);
            if (page.Count > 0 && bytes > _pageBytes) break;
            page.Add(sample[i]);
        }
        var next = from + page.Count;
        if (next >= sample.Length && _sample?.Instances == sample) _sample = null;
        return new ShardPage(page.ToArray(), next < sample.Length ? new ShardCursor(next) : null);
    }

    /// <summary>
    /// A seeded sample of up to <paramref name="count"/> instances: every live row in row order when the shard holds no more,
    /// else a partial Fisher–Yates over the ordinal order of SOPInstanceUIDs, so the sample depends only on the content and
    /// the seed. Its rows are read with each segment read once, and kept (O(count·d)) for the pages that follow, until the
    /// last page is read, the shard grows or another sample is asked for.
    /// </summary>
    private async Task<FeaturisedInstance[]> Sample(int count, int seed)
    {
        var rows = _rows.Rows;
        if (_sample is { } cached && cached.Count == count && cached.Seed == seed && cached.Rows == rows) return cached.Instances;
        var n = _rows.Count;
        int[] order;
        if (count >= n) order = Enumerable.Range(0, rows).Where(_rows.IsLive).ToArray();
        else
        {
            order = _rows.RowsBySopInstanceUid.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Value).ToArray();
            var random = new Random(seed);
            for (var i = 0; i < count; i++)
            {
                var j = random.Next(i, n);
                (order[i], order[j]) = (order[j], order[i]);
            }
            order = order[..count];
        }
        var read = new Dictionary<int, FeaturisedInstance>(order.Length);
        await foreach (var (row, instance) in _rows.ReadRowsAsync(order)) read[row] = instance;
        var instances = order.Select(row => read[row]).ToArray();
        _sample = (count, seed, rows, instances);
        return instances;
    }

    /// <inheritdoc />
    public Task<FeaturisedInstance?> Get(string sopInstanceUid) => _rows.GetAsync(sopInstanceUid);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric)
    {
        var d = query.Length;
        if (_rows.Count == 0 || _rows.Dimension != d || count <= 0) return [];
        // Each block's best, merged: the best of all rows are among the best of their blocks.
        var best = new List<Neighbour>();
        await foreach (var block in _rows.ScanAsync())
        {
            var hits = NearestRows.Find(query, block.Vectors.Span[..(block.Rows * d)], block.Rows, count, metric == CentreMetric.Manhattan, i => block.SopInstanceUids[i]);
            best.AddRange(hits.Select(h => new Neighbour(block.SopInstanceUids[h.Row], h.Distance, block.Modalities[h.Row], block.Regions[h.Row])));
            best = best.OrderBy(n => n.Distance).ThenBy(n => n.SopInstanceUid, StringComparer.Ordinal).Take(count).ToList();
        }
        return best;
    }

    /// <inheritdoc />
    public Task<ExemplarPage> Exemplars(int fromCluster)
    {
        var page = new List<Exemplar>();
        var bytes = 0L;
        var cluster = Math.Max(0, fromCluster);
        for (; cluster < _exemplars.Clusters; cluster++)
        {
            var members = _exemplars.Of(cluster);
            var size = members.Sum(PageBytes.Of);
            if (page.Count > 0 && bytes + size > _pageBytes) break;
            bytes += size;
            page.AddRange(members);
        }
        return Task.FromResult(new ExemplarPage(page.ToArray(), cluster < _exemplars.Clusters ? cluster : null));
    }

    /// <inheritdoc />
    public Task<PassTotals> Measure(PassRequest request) => ShardPass.RunAsync(_rows.ScanAsync(), request);

    /// <inheritdoc />
    public async Task<PassTotals> Label(PassRequest request, int version)
    {
        if (request.Slice is not null) throw new ArgumentException("the model's labels are of the fused vectors, not a source's slice");
        // The pass counts the rows present now (the scan stops at the rows stored when it begins, before anything awaits);
        // rows added from here on are told this generation, so the coordinator absorbs them.
        _state.State.PassGeneration = Math.Max(_state.State.PassGeneration, version);
        _stateChanged = true;
        var changed = 0L;
        var exemplars = new ClusterExemplars(request.Clusters, _exemplarsPerCluster);
        var totals = await ShardPass.RunAsync(_rows.ScanAsync(), request, (block, index, cluster, distance) =>
        {
            if (_labels.Store(block.FirstRow + index, cluster, distance, version)) changed++;
            exemplars.Offer(block, index, cluster, distance, version);
        });
        _exemplars = exemplars;
        await _commit.Persist();
        return totals with { Changed = changed };
    }

    /// <inheritdoc />
    public Task<Assignment[]> LabelsOf(IReadOnlyList<string> sopInstanceUids) => Task.FromResult(sopInstanceUids
        .Select(sop => _rows.RowOf(sop) is var row and >= 0 && _labels.Of(row) is { } label ? new Assignment(sop, label.Cluster, label.Distance, label.Version) : null)
        .OfType<Assignment>().ToArray());

    /// <inheritdoc />
    public async Task<DeliveryReport> Deliver(int version)
    {
        // At most DeliveryRows assignments are held at a time; a study whose rows span batches gets a call per batch.
        var (acknowledged, failed) = (0L, 0L);
        var batch = new List<(Assignment Assignment, string Study)>();
        async Task Send()
        {
            if (batch.Count == 0) return;
            var taken = 0L;
            await AssignmentDelivery.DeliverAsync(GrainFactory, batch, _deliveryDeadline, n => taken += n, _logger);
            acknowledged += taken;
            failed += batch.Count - taken;
            batch = [];
        }
        await foreach (var block in _rows.ScanAsync())
        {
            for (var r = 0; r < block.Rows; r++)
                if (_labels.Of(block.FirstRow + r, version) is { } label)
                    batch.Add((new Assignment(block.SopInstanceUids[r], label.Cluster, label.Distance, version), block.StudyInstanceUids[r]));
            if (batch.Count >= DeliveryRows) await Send();
        }
        await Send();
        return new DeliveryReport(acknowledged, failed);
    }

    /// <inheritdoc />
    public Task<PassTotals> LabelSource(PassRequest request)
    {
        var labels = _labels.BeginSource(request.Slice?.Source ?? "fused", _rows.Rows);
        return ShardPass.RunAsync(_rows.ScanAsync(0, labels.Length), request, (block, index, cluster, _) => labels[block.FirstRow + index] = cluster);
    }

    /// <inheritdoc />
    public async Task<LabelPage> ReadLabels(LabelCursor cursor)
    {
        var sources = _labels.Sources;
        var rows = new List<LabelRow>();
        var bytes = 0L;
        var (from, end) = (Math.Max(0, cursor.Position), _rows.Rows);
        int? next = null;
        await foreach (var block in _rows.ScanAsync(from, end))
        {
            for (var r = 0; r < block.Rows && next is null; r++)
            {
                var at = block.FirstRow + r;
                var row = new LabelRow(block.SopInstanceUids[r], block.Modalities[r], block.Regions[r], sources.Select(s => _labels.SourceLabel(s, at)).ToArray());
                bytes += PageBytes.Of(row);
                if (rows.Count > 0 && bytes > _pageBytes) next = (int)at;
                else rows.Add(row);
            }
            if (next is not null) break;
        }
        next ??= end < _rows.Rows ? end : null;
        return new LabelPage(sources, rows.ToArray(), next is { } position ? cursor with { Position = position } : null);
    }

    /// <summary>
    /// Stores the rows added since the last write (<see cref="ShardRowStore.PersistAsync"/>: sealed segments and the journal),
    /// then writes the state if it changed: a segment was sealed, or a quarantine, duplicate count or pass generation changed.
    /// Runs one at a time (group commit); changes that interleave with it wait for the next write. Journals of sealed segments
    /// are deleted once the state counts those segments; if the state write fails, the stored state still counts the old
    /// segments, whose journal still holds every row (an orphaned segment or journal is overwritten by the next seal).
    /// </summary>
    private async Task WriteSnapshot()
    {
        await _rows.PersistAsync();
        if (!_stateChanged && _rows.Segments == _countedSegments) return;
        _stateChanged = false;
        var live = _state.State;
        var counted = _countedSegments;
        // The live state gets the count too: a storage provider may read the state only after this turn yields (the memory
        // storage does). A failed write sets _stateChanged, so the next one writes it again.
        var written = live.Segments = _rows.Segments;
        // Hand storage a copy, so changes interleaved with the write never mutate what is being serialised.
        _state.State = new ShardState
        {
            Segments = written, Quarantined = new(live.Quarantined, StringComparer.Ordinal), Duplicates = live.Duplicates,
            PassGeneration = live.PassGeneration,
        };
        var write = _state.WriteStateAsync();
        _state.State = live;
        try
        {
            await write;
        }
        catch
        {
            _stateChanged = true;
            throw;
        }
        _countedSegments = written;
        try
        {
            await _rows.DeleteJournalsAsync(counted, written);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not delete the journals of sealed segments {From}..{To} of shard {Shard}", counted, written - 1, Key);
        }
    }
}

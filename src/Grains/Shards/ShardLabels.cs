namespace RadiologyNet.Grains.Shards;

/// <summary>
/// What the passes wrote into a shard, by row: the model's label (cluster, distance, model version; a few bytes a row)
/// and the evaluation labels of each source. Held in memory: a shard that re-activates has none until the next pass
/// (none of its rows then counts as changed, and they are offered at the shard's generation). Rows a pass has not reached read as
/// unlabelled (cluster −1, version 0).
/// </summary>
public sealed class ShardLabels
{
    private readonly List<int> _clusters = [];
    private readonly List<float> _distances = [];
    private readonly List<int> _versions = [];
    private readonly SortedDictionary<string, int[]> _sources = new(StringComparer.Ordinal);

    /// <summary>Sources with evaluation labels, in ordinal order.</summary>
    public string[] Sources => [.. _sources.Keys];

    /// <summary>Stores row <paramref name="row"/>'s model label; true when an earlier pass had labelled it with another cluster.</summary>
    public bool Store(long row, int cluster, float distance, int version)
    {
        var at = checked((int)row);
        while (_clusters.Count <= at)
        {
            _clusters.Add(-1);
            _distances.Add(0);
            _versions.Add(0);
        }
        var changed = _clusters[at] >= 0 && _clusters[at] != cluster;
        (_clusters[at], _distances[at], _versions[at]) = (cluster, distance, version);
        return changed;
    }

    /// <summary>The model version of the pass that last labelled the row, 0 if none did.</summary>
    public int VersionOf(long row) => row < _versions.Count ? _versions[(int)row] : 0;

    /// <summary>The row's model label and the version of the pass that wrote it, if one did.</summary>
    public (int Cluster, float Distance, int Version)? Of(long row) =>
        VersionOf(row) > 0 ? (_clusters[(int)row], _distances[(int)row], _versions[(int)row]) : null;

    /// <summary>The row's model label if the pass of <paramref name="version"/> wrote it (a later pass has not overwritten it).</summary>
    public (int Cluster, float Distance)? Of(long row, int version) =>
        VersionOf(row) == version && version > 0 ? (_clusters[(int)row], _distances[(int)row]) : null;

    /// <summary>Starts a source's labels over <paramref name="rows"/> rows, all unlabelled; returns the array the pass fills.</summary>
    public int[] BeginSource(string source, long rows)
    {
        var labels = new int[rows];
        Array.Fill(labels, -1);
        _sources[source] = labels;
        return labels;
    }

    /// <summary>The row's label from <paramref name="source"/>, −1 if it has none.</summary>
    public int SourceLabel(string source, long row) =>
        _sources.TryGetValue(source, out var labels) && row < labels.Length ? labels[row] : -1;
}

namespace RadiologyNet.Grains.Shards;

/// <summary>
/// The members nearest each cluster's centre, kept while a labelling pass places a shard's rows: per cluster a bounded heap of
/// the <c>m</c> nearest (ties by SOPInstanceUID), so a cluster query reads O(k·m) results instead of scanning the shard.
/// </summary>
public sealed class ClusterExemplars
{
    private readonly PriorityQueue<Exemplar, (float Distance, string Sop)>[] _nearest;
    private readonly int _perCluster;

    private static readonly IComparer<(float Distance, string Sop)> FurthestFirst =
        Comparer<(float Distance, string Sop)>.Create((a, b) => b.Distance != a.Distance ? b.Distance.CompareTo(a.Distance) : string.CompareOrdinal(b.Sop, a.Sop));

    /// <summary>An empty set for <paramref name="clusters"/> clusters, keeping <paramref name="perCluster"/> members of each.</summary>
    public ClusterExemplars(int clusters, int perCluster)
    {
        _perCluster = perCluster;
        _nearest = Enumerable.Range(0, clusters).Select(_ => new PriorityQueue<Exemplar, (float, string)>(FurthestFirst)).ToArray();
    }

    /// <summary>Clusters tracked.</summary>
    public int Clusters => _nearest.Length;

    /// <summary>Offers row <paramref name="index"/> of <paramref name="block"/>, placed in <paramref name="cluster"/> at <paramref name="distance"/>.</summary>
    public void Offer(ShardBlock block, int index, int cluster, float distance, int version)
    {
        if (_perCluster == 0) return;
        var heap = _nearest[cluster];
        var key = (distance, block.SopInstanceUids[index]);
        if (heap.Count == _perCluster)
        {
            heap.TryPeek(out _, out var furthest);
            if (FurthestFirst.Compare(key, furthest) <= 0) return;
            heap.Dequeue();
        }
        heap.Enqueue(new Exemplar(block.SopInstanceUids[index], block.StudyInstanceUids[index], cluster, distance, block.Modalities[index],
            block.Regions[index], block.Manufacturers[index], block.HasReport[index], version), key);
    }

    /// <summary>Cluster <paramref name="cluster"/>'s members, nearest first.</summary>
    public Exemplar[] Of(int cluster) => _nearest[cluster].UnorderedItems.Select(x => x.Element)
        .OrderBy(e => e.Distance).ThenBy(e => e.SopInstanceUid, StringComparer.Ordinal).ToArray();
}

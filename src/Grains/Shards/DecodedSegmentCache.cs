namespace RadiologyNet.Grains.Shards;

/// <summary>The few most recently used decoded segments of a shard, so lookups that hit one segment repeatedly read it once.</summary>
internal sealed class DecodedSegmentCache(int capacity)
{
    private readonly LinkedList<(int Segment, ShardBlock Block)> _recent = [];

    /// <summary>The decoded segment, if cached; it becomes the most recently used.</summary>
    public ShardBlock? Find(int segment)
    {
        for (var node = _recent.First; node is not null; node = node.Next)
        {
            if (node.Value.Segment != segment) continue;
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Block;
        }
        return null;
    }

    /// <summary>Caches a decoded segment, dropping the least recently used beyond the capacity.</summary>
    public void Add(int segment, ShardBlock block)
    {
        if (capacity == 0 || Find(segment) is not null) return;
        _recent.AddFirst((segment, block));
        while (_recent.Count > capacity) _recent.RemoveLast();
    }
}

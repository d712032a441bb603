namespace RadiologyNet.Grains;

/// <summary>
/// Persisted state of an embedding shard: how many segments it has sealed (<see cref="Storage.IShardSegmentStore"/>), the
/// instances added since the last seal (in order; a later entry for the same SOPInstanceUID replaces an earlier one), its
/// quarantined instances, its duplicate count and its pass generation. While the grain is active its tail lives in its
/// <see cref="Shards.ShardRowStore"/>, and each write persists a copy of it.
/// </summary>
[GenerateSerializer, Alias("radnet.ShardState")]
public sealed class ShardState
{
    [Id(0)] public List<FeaturisedInstance> Tail { get; set; } = [];

    [Id(1)] public Dictionary<string, string> Quarantined { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long Duplicates { get; set; }

    [Id(3)] public int Segments { get; set; }

    /// <summary>The model version of the last labelling pass that started scanning the shard (see <see cref="IEmbeddingShardGrain.Add"/>).</summary>
    [Id(4)] public int PassGeneration { get; set; }
}

namespace RadiologyNet.Grains;

/// <summary>
/// Persisted state of an embedding shard: how many segments it has sealed (<see cref="Storage.IShardSegmentStore"/>, where the
/// rows added since the last seal are journaled), its quarantined instances, its duplicate count and its pass generation. It is
/// written when one of them changes, not for every row added.
/// </summary>
[GenerateSerializer, Alias("radnet.ShardState")]
public sealed class ShardState
{
    /// <summary>Rows added since the last seal, as states written before the journal kept them; read once at activation, then journaled.</summary>
    [Id(0)] public List<FeaturisedInstance> Tail { get; set; } = [];

    [Id(1)] public Dictionary<string, string> Quarantined { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long Duplicates { get; set; }

    [Id(3)] public int Segments { get; set; }

    /// <summary>The model version of the last labelling pass that started scanning the shard (see <see cref="IEmbeddingShardGrain.Add"/>).</summary>
    [Id(4)] public int PassGeneration { get; set; }
}

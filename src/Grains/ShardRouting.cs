using System.Text;

namespace RadiologyNet.Grains;

/// <summary>Grain keys of a model's shards and clusters, and the stable hash that places an instance in a shard.</summary>
public static class ShardRouting
{
    /// <summary>The shard holding an instance: FNV-1a of its SOPInstanceUID modulo the shard count (stable across processes).</summary>
    public static int ShardOf(string sopInstanceUid, int shards)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(sopInstanceUid))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)shards);
    }

    /// <summary>Key of a shard grain.</summary>
    public static string ShardKey(string model, int shard) => $"{model}/{shard}";

    /// <summary>Key of a cluster grain.</summary>
    public static string ClusterKey(string model, int cluster) => $"{model}/{cluster}";
}

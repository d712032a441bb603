using RadiologyNet.Clustering;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Results;

/// <summary>The images nearest to one image by fused distance (the model's metric), from a results folder or across a cluster's shards.</summary>
public static class SimilarImages
{
    /// <summary>A neighbour: its SOPInstanceUID, distance, cluster (null when unknown) and labels.</summary>
    public sealed record Hit(string SopInstanceUid, float Distance, int? Cluster, string Modality, string Region, string File);

    /// <summary>The <paramref name="count"/> nearest annotated images to <paramref name="sop"/> in <paramref name="results"/>, itself excluded.</summary>
    public static IReadOnlyList<Hit> InResults(ArchiveResults results, string sop, int count)
    {
        var query = results.FindInstance(sop) ?? throw new ArgumentException($"no image with SOPInstanceUID '{sop}' in these results");
        if (query.VectorRow < 0) throw new ArgumentException($"image '{sop}' has no feature vector ({query.Status}{(query.Reason.Length > 0 ? ": " + query.Reason : "")})");
        var byRow = results.Instances.Where(i => i.VectorRow >= 0).ToDictionary(i => i.VectorRow);
        var v = results.Vectors;
        var hits = NearestRows.Find(v.Row(query.VectorRow), v.Fused, v.Rows, count, results.Model.Metric == "manhattan",
            row => byRow[row].SopInstanceUid, row => row == query.VectorRow);
        return hits.Select(h => byRow[h.Row]).Zip(hits, (i, h) => new Hit(i.SopInstanceUid, h.Distance, i.Cluster, i.Modality, i.Region, i.File)).ToList();
    }

    /// <summary>
    /// The <paramref name="count"/> nearest images to <paramref name="sop"/> in a running cluster: the query vector from its
    /// shard, every shard's own nearest, merged (the exact k nearest overall, since each shard returns its k+1 best).
    /// </summary>
    public static async Task<IReadOnlyList<Hit>> InCluster(IClusterClient client, string model, string sop, int count)
    {
        var snapshot = await client.GetGrain<ICoordinatorGrain>(model).GetModel();
        IEmbeddingShardGrain Shard(int s) => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey(model, s));
        var query = await Shard(ShardRouting.ShardOf(sop, snapshot.Shards)).Get(sop)
            ?? throw new ArgumentException($"no feature vector for SOPInstanceUID '{sop}' in model '{model}'");
        var perShard = await Task.WhenAll(Enumerable.Range(0, snapshot.Shards).Select(s => Shard(s).Nearest(query.Fused, count + 1, snapshot.Metric)));
        return perShard.SelectMany(h => h).Where(h => h.SopInstanceUid != sop)
            .OrderBy(h => h.Distance).ThenBy(h => h.SopInstanceUid, StringComparer.Ordinal).Take(count)
            .Select(h => new Hit(h.SopInstanceUid, h.Distance, null, h.Modality, h.Region, "")).ToList();
    }
}

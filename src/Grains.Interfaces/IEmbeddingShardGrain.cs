namespace RadiologyNet.Grains;

/// <summary>
/// A fixed hash range of one model's instances (key: <c>{model}/{shard}</c>): the featurised vectors, stored
/// contiguously and persisted, and the quarantined ones with their reasons. It is the record of which instances
/// have settled (so a duplicate delivery is recognised) and the unit of data-parallel work for bootstrap,
/// reassignment, refinement and evaluation.
/// </summary>
public interface IEmbeddingShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces instances (by SOPInstanceUID); returns once they are persisted.</summary>
    Task Add(IReadOnlyList<FeaturisedInstance> instances);

    /// <summary>Records a quarantined instance with its PHI-free reason; returns once persisted.</summary>
    Task AddQuarantined(string sopInstanceUid, string reason);

    /// <summary>Of the given SOPInstanceUIDs, those this shard has no settled record of (neither a vector nor a quarantine).</summary>
    Task<IReadOnlyList<string>> Unsettled(IReadOnlyList<string> sopInstanceUids);

    /// <summary>Counts a repeat delivery of an instance this shard has settled (no write; counted for the accounting).</summary>
    Task CountDuplicate();

    /// <summary>How many vectors and quarantined instances the shard holds.</summary>
    Task<ShardCounts> GetCounts();

    /// <summary>
    /// The quarantined instances after <see cref="QuarantineCursor.After"/> in ordinal order of SOPInstanceUID, as many as fit
    /// a page; the next cursor (same shard) is null once none are left. <see cref="QuarantineCursor.Shard"/> is the caller's.
    /// </summary>
    Task<QuarantinePage> ReadQuarantined(QuarantineCursor cursor);

    /// <summary>
    /// The instances from <paramref name="cursor"/> on, as many as fit a page (at least one; the page's bytes are bounded
    /// by a quarter of the silo's maximum message body size), and the cursor of the next page, null at the end.
    /// <see cref="PagedReads.ReadAllAsync"/> follows the cursors.
    /// </summary>
    Task<ShardPage> ReadPage(ShardCursor cursor);

    /// <summary>A seeded uniform sample without replacement of up to <paramref name="count"/> instances.</summary>
    Task<IReadOnlyList<FeaturisedInstance>> Sample(int count, int seed);

    /// <summary>
    /// Assigns every held vector to its nearest centre (k×d row-major) under the metric and returns the assignments
    /// with per-cluster counts, total deviation and vector sums.
    /// </summary>
    Task<ShardReassignment> Reassign(float[] centres, int clusters, CentreMetric metric, int version);

    /// <summary>The <paramref name="count"/> stored instances nearest to <paramref name="query"/> under <paramref name="metric"/>, nearest first (ties by SOPInstanceUID).</summary>
    Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric);

    /// <summary>The stored instance with this SOPInstanceUID, or null.</summary>
    Task<FeaturisedInstance?> Get(string sopInstanceUid);
}

namespace RadiologyNet.Grains;

/// <summary>
/// A fixed hash range of one model's instances (key: <c>{model}/{shard}</c>): the featurised vectors, stored
/// contiguously and persisted, and the quarantined ones with their reasons. It is the record of which instances
/// have settled (so a duplicate delivery is recognised) and the unit of data-parallel work for bootstrap,
/// reassignment, refinement and evaluation: passes run on its own vectors and return O(k·d) totals, its rows' labels stay
/// in it, and it delivers the model's labels to the studies itself. No call carries its rows whole: reads are paged.
/// </summary>
public interface IEmbeddingShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or replaces instances (by SOPInstanceUID); returns once they are persisted, with the shard's pass generation
    /// when they were added: the model version of the last labelling pass that had started scanning this shard. A pass
    /// counts the rows present when its scan starts, so a pass of a later version than the generation counted them.
    /// </summary>
    Task<int> Add(IReadOnlyList<FeaturisedInstance> instances);

    /// <summary>
    /// The pass generation to send with a stored instance that is offered to the assigner again (see <see cref="Add"/>):
    /// one below the version of the pass that last labelled it, else the shard's generation.
    /// </summary>
    Task<int> GenerationOf(string sopInstanceUid);

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

    /// <summary>
    /// A page (bounded as <see cref="ReadPage"/>) of a seeded uniform sample without replacement of up to
    /// <paramref name="count"/> instances, from <paramref name="cursor"/>'s position in the sample; null next cursor at its end.
    /// </summary>
    Task<ShardPage> SamplePage(int count, int seed, ShardCursor cursor);

    /// <summary>The per-cluster totals of every stored vector (or its slice) on its nearest centre; stores nothing.</summary>
    Task<PassTotals> Measure(PassRequest request);

    /// <summary>
    /// The model's labelling pass: places every stored vector (present when the scan starts) on its nearest centre, stores
    /// its cluster, distance and <paramref name="version"/> per row, counts the rows that changed cluster, raises the pass
    /// generation to <paramref name="version"/> (persisted before it returns), and returns the totals. Delivery to the
    /// studies is <see cref="Deliver"/>.
    /// </summary>
    Task<PassTotals> Label(PassRequest request, int version);

    /// <summary>The model's labels the last labelling pass stored for these instances (those it labelled), as assignments.</summary>
    Task<Assignment[]> LabelsOf(IReadOnlyList<string> sopInstanceUids);

    /// <summary>
    /// Delivers the assignments the labelling pass of <paramref name="version"/> stored to their study grains
    /// (retried with backoff until the delivery deadline) and reports how it went; rows a later pass relabelled are
    /// left to that pass. May take as long as the delivery deadline.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<DeliveryReport> Deliver(int version);

    /// <summary>
    /// Stores, for evaluation, every row's nearest centre under <paramref name="request"/> as its label of source
    /// <see cref="SourceSlice.Source"/> (or "fused" without a slice) and returns the totals, whose histograms are that
    /// source's cluster × label contingency tables. Does not touch the model's labels.
    /// </summary>
    Task<PassTotals> LabelSource(PassRequest request);

    /// <summary>
    /// A page (bounded as <see cref="ReadPage"/>) of the rows' evaluation labels (<see cref="LabelSource"/>) from
    /// <see cref="LabelCursor.Position"/> on; the next cursor (same shard) is null at the end. <see cref="LabelCursor.Shard"/> is the caller's.
    /// </summary>
    Task<LabelPage> ReadLabels(LabelCursor cursor);

    /// <summary>
    /// The members nearest each cluster's centre as the last labelling pass placed them (the silo's
    /// <c>Annotation:ExemplarsPerCluster</c> per cluster, nearest first), whole clusters from <paramref name="fromCluster"/> on, as many as fit a page.
    /// Empty until a labelling pass ran on this activation; rows absorbed online since are not among them.
    /// </summary>
    Task<ExemplarPage> Exemplars(int fromCluster);

    /// <summary>The <paramref name="count"/> stored instances nearest to <paramref name="query"/> under <paramref name="metric"/>, nearest first (ties by SOPInstanceUID).</summary>
    Task<IReadOnlyList<Neighbour>> Nearest(float[] query, int count, CentreMetric metric);

    /// <summary>The stored instance with this SOPInstanceUID, or null.</summary>
    Task<FeaturisedInstance?> Get(string sopInstanceUid);
}

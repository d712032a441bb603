using Orleans.Concurrency;

namespace RadiologyNet.Grains;

/// <summary>
/// A model's lifecycle (key: model name): collects vectors until it can bootstrap (k-means++ then Lloyd),
/// then absorbs the batches the silos' assigners placed on their centroid snapshots, forwarding one update per
/// cluster grain; runs the model-wide passes (reassignment, k-medoids refinement) over the shards.
/// </summary>
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Sets k, the bootstrap size and the vector layout; must precede the first <see cref="Absorb"/>.</summary>
    Task Configure(ModelSettings settings);

    /// <summary>
    /// Takes a batch a silo's assigner placed with its snapshot. While collecting, counts it and bootstraps once enough
    /// vectors are in the shards. While streaming, absorbs each instance into its cluster with one update per cluster;
    /// an instance placed with an older model version is placed again on the current centres, and one the last
    /// model-wide pass already counted is not counted twice. Returns the settled assignments and the current model.
    /// </summary>
    Task<BatchOutcome> Absorb(AssignedBatch batch);

    /// <summary>The current centres, their metric and version, and the shard count.</summary>
    [AlwaysInterleave]
    Task<ModelSnapshot> GetModel();

    /// <summary>
    /// A page of the quarantined instances reported so far, with their reasons, from <paramref name="cursor"/> on (shard by
    /// shard); the next cursor is null at the end. <see cref="PagedReads.ReadQuarantinedAsync"/> follows the cursors.
    /// </summary>
    [AlwaysInterleave]
    Task<QuarantinePage> GetQuarantined(QuarantineCursor cursor);

    /// <summary>Bootstraps now on whatever was collected (end of a small archive); no-op once streaming.</summary>
    Task Flush();

    /// <summary>Reassigns every stored vector to the current centroids and tells the study grains.</summary>
    Task<int> Reassign();

    /// <summary>
    /// Runs <see cref="Reassign"/> if the last pass's assignments may not all have reached their studies (the coordinator
    /// re-activated before it had delivered them); returns the instances reassigned, 0 when nothing was outstanding.
    /// </summary>
    Task<int> Redeliver();

    /// <summary>
    /// A k-medoids refinement pass: a stratified sample from the shards, FasterPAM (Manhattan) on it, the medoids
    /// matched to the previous clusters (Hungarian) so ids stay stable, every shard reassigned, cluster grains reset.
    /// </summary>
    Task<RefinementResult> Refine();

    /// <summary>
    /// Starts <see cref="Refine"/> in the background and returns at once: a pass over a large archive outlives any call
    /// timeout. Poll <see cref="GetLastRefinement"/> (its version grows) and <see cref="GetLastRefinementError"/>.
    /// </summary>
    [AlwaysInterleave]
    Task StartRefinement();

    /// <summary>Why the last refinement pass failed, or null when it succeeded or none ran.</summary>
    [AlwaysInterleave]
    Task<string?> GetLastRefinementError();

    /// <summary>The last refinement pass, or null when none ran.</summary>
    [AlwaysInterleave]
    Task<RefinementResult?> GetLastRefinement();

    /// <summary>Agreement of the clusters with Modality and with the normalised region, from the cluster grains' histograms.</summary>
    Task<IReadOnlyList<LabelEvaluation>> EvaluateLabels();

    /// <summary>Phase and accounting.</summary>
    [AlwaysInterleave]
    Task<ModelStatus> GetStatus();

    /// <summary>Per-cluster summaries.</summary>
    Task<IReadOnlyList<ClusterSummary>> GetClusters();

    /// <summary>
    /// For evaluation: has the shards label every stored vector with its nearest current centre ("fused") and with a
    /// k-means fitted on each source's slice alone (image, metadata, report; seeded on a sample the shards draw, Lloyd
    /// iterations as shard passes), and returns the sources labelled. Read the labels in pages from the shards
    /// (<see cref="GetLabels"/>, <see cref="PagedReads.ReadSourceClusteringsAsync"/>).
    /// </summary>
    Task<IReadOnlyList<string>> ClusterEachSource();

    /// <summary>
    /// A page of the evaluation labels (<see cref="ClusterEachSource"/>) from <paramref name="cursor"/> on (shard by shard);
    /// the next cursor is null at the end.
    /// </summary>
    [AlwaysInterleave]
    Task<LabelPage> GetLabels(LabelCursor cursor);

    /// <summary>
    /// Model-wide totals of every stored vector on its nearest current centre, summed by the shards in one pass: members,
    /// cost under the model's metric, k-means cost and inertia. Zero members before the bootstrap.
    /// </summary>
    Task<ModelMeasure> MeasureModel();
}

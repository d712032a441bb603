using Orleans.Concurrency;

namespace RadiologyNet.Grains;

/// <summary>
/// A model's lifecycle (key: model name): collects vectors until it can bootstrap (k-means++ then Lloyd),
/// then assigns streamed vectors online and forwards batched updates to the cluster grains. Keeps the
/// accounting of every instance it was told about.
/// </summary>
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Sets k, the bootstrap size and the vector layout; must precede <see cref="Submit"/>.</summary>
    Task Configure(ModelSettings settings);

    /// <summary>Takes featurised instances; returns their assignments, or none while the model is still bootstrapping.</summary>
    Task<IReadOnlyList<Assignment>> Submit(IReadOnlyList<FeaturisedInstance> instances);

    /// <summary>The current centres, their metric and version, and the shard count.</summary>
    [AlwaysInterleave]
    Task<ModelSnapshot> GetModel();

    /// <summary>Every quarantined instance reported so far, with its reason.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<KeyValuePair<string, string>>> GetQuarantined();

    /// <summary>Bootstraps now on whatever was collected (end of a small archive); no-op once streaming.</summary>
    Task Flush();

    /// <summary>Reassigns every stored vector to the current centroids and tells the study grains.</summary>
    Task<int> Reassign();

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

    /// <summary>Fused labels plus per-source k-means labels over every stored vector, for evaluation.</summary>
    Task<SourceClusterings> ClusterEachSource();
}

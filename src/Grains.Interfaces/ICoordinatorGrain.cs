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

    /// <summary>Counts an instance that was quarantined (it will never be submitted); the reason is PHI-free.</summary>
    Task ReportQuarantined(string sopInstanceUid, string reason);

    /// <summary>Every quarantined instance reported so far, with its reason.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> GetQuarantined();

    /// <summary>Counts a duplicate delivery of an instance already known.</summary>
    Task ReportDuplicate(string sopInstanceUid);

    /// <summary>Bootstraps now on whatever was collected (end of a small archive); no-op once streaming.</summary>
    Task Flush();

    /// <summary>Reassigns every stored vector to the current centroids and tells the study grains.</summary>
    Task<int> Reassign();

    /// <summary>Phase and accounting.</summary>
    Task<ModelStatus> GetStatus();

    /// <summary>Per-cluster summaries.</summary>
    Task<IReadOnlyList<ClusterSummary>> GetClusters();

    /// <summary>Fused labels plus per-source k-means labels over every stored vector, for evaluation.</summary>
    Task<SourceClusterings> ClusterEachSource();
}

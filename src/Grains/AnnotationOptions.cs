using RadiologyNet.Features;

namespace RadiologyNet.Grains;

/// <summary>How the silo annotates: which model, how many shards, the fusion weights and where reports come from.</summary>
public sealed class AnnotationOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Annotation";

    /// <summary>Name of the model (key of its coordinator, cluster and shard grains).</summary>
    public string ModelName { get; set; } = "default";

    /// <summary>
    /// Number of embedding shards per model, fixed for the model (instances are routed by it): choose it from the archive's
    /// expected size, one shard per <see cref="InstancesPerShard"/> (<see cref="ShardsFor"/>). A shard that grows past that warns.
    /// </summary>
    public int Shards { get; set; } = 8;

    /// <summary>
    /// The most instances a shard is planned for: its SOPInstanceUID index (~165 B an instance), and the time a pass or an
    /// activation spends reading it, grow with it (deploy/README.md).
    /// </summary>
    public const int InstancesPerShard = 200_000;

    /// <summary>The shards that keep <paramref name="expectedInstances"/> within <see cref="InstancesPerShard"/> a shard.</summary>
    public static int ShardsFor(long expectedInstances) =>
        (int)Math.Clamp(expectedInstances / InstancesPerShard + (expectedInstances % InstancesPerShard > 0 ? 1 : 0), 1, MaxShards);

    /// <summary>The most shards a model can have.</summary>
    public const int MaxShards = 4096;

    /// <summary>Milliseconds a shard waits to batch concurrent additions into one storage write (group commit).</summary>
    public int ShardCommitMilliseconds { get; set; } = 50;

    /// <summary>Instances a shard seals into one immutable segment; the journal of the segment being filled holds at most this many rows and a commit's.</summary>
    public int ShardSegmentSize { get; set; } = 128;

    /// <summary>k used when no client configured the model (distributed ingest).</summary>
    public int Clusters { get; set; } = 50;

    /// <summary>Vectors collected before the model bootstraps, when no client configured it.</summary>
    public int BootstrapSize { get; set; } = 500;

    /// <summary>Seed of every random choice, when no client configured the model.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Most instances a silo's assigner sends the coordinator in one batch.</summary>
    public int AssignBatchSize { get; set; } = 64;

    /// <summary>Milliseconds an idle assigner waits for more instances before it sends a batch; under load batches fill while the previous one is out.</summary>
    public int AssignBatchMilliseconds { get; set; } = 5;

    /// <summary>Age after which an assigner fetches the model again before placing instances (its batches refresh it anyway).</summary>
    public int SnapshotMaxAgeMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Seconds the coordinator retries delivering a pass's assignments to a study that fails to take them; past that it
    /// leaves the pass undelivered (status counts it as pending) and runs a new pass after as long again, until one is delivered.
    /// </summary>
    public int AssignmentDeliverySeconds { get; set; } = 300;

    /// <summary>Members nearest its centre each shard keeps per cluster from every labelling pass, for the cluster queries (0: none).</summary>
    public int ExemplarsPerCluster { get; set; } = 200;

    /// <summary>Run a k-medoids refinement pass after this many newly assigned instances; 0 only on demand.</summary>
    public int RefineEvery { get; set; }

    /// <summary>Size of the stratified sample a refinement pass runs FasterPAM on.</summary>
    public int RefineSampleSize { get; set; } = 2000;

    /// <summary>
    /// Lloyd passes over the shards that follow a refinement's k-medoids, seeded by its medoids; 0 (default) keeps the
    /// medoids as the centres (the paper's k-medoids, Manhattan). With N &gt; 0 the centres become the polished means
    /// (Euclidean): on noisy high-dimensional data a single real image is a poor prototype, and the polish recovers the
    /// k-means quality the medoids lose (docs/loadtest.md).
    /// </summary>
    public int RefinePolishPasses { get; set; }

    /// <summary>Report embeddings run at once in this silo; 0 means one per core. (Image featurisation is shaped by <c>Featurisation</c> options.)</summary>
    public int MaxConcurrentFeaturisations { get; set; }

    /// <summary>Weight of the image source in the fused vector.</summary>
    public float ImageWeight { get; set; } = 1;

    /// <summary>Weight of the metadata source in the fused vector.</summary>
    public float MetadataWeight { get; set; } = 1;

    /// <summary>Weight of the report source in the fused vector.</summary>
    public float ReportWeight { get; set; } = 1;

    /// <summary>What fusion does when a source is absent (a study without a report): reweight (default) or zero.</summary>
    public MissingSourcePolicy MissingSource { get; set; } = MissingSourcePolicy.Reweight;

    /// <summary>A reports CSV (<c>study_uid,text</c>); optional.</summary>
    public string? ReportsCsv { get; set; }

    /// <summary>Folder searched for <c>&lt;StudyInstanceUID&gt;.txt</c> report sidecars; optional (defaults to the archive folder).</summary>
    public string? ReportSidecarFolder { get; set; }

    /// <summary>
    /// Length of the vectors the model clusters: 0 (default) keeps the fused vector; D &gt; 0 sends every fused vector through
    /// a seeded sparse random projection to D dimensions (<see cref="Features.RandomProjection"/>), the same matrix on every
    /// silo, so a stream needs no fitting. Per-source evaluation is then left out (the projection mixes the sources).
    /// </summary>
    public int ProjectDimension { get; set; }

    /// <summary>Seed of the random projection's matrix.</summary>
    public long ProjectSeed { get; set; } = 42;

    /// <summary>The fusion weights as a record.</summary>
    public FusionWeights Weights => new(ImageWeight, MetadataWeight, ReportWeight, MissingSource);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelName)) throw new ArgumentException("Annotation:ModelName must not be empty");
        if (Shards is < 1 or > MaxShards) throw new ArgumentException($"Annotation:Shards must be 1..{MaxShards}, not {Shards}");
        if (MaxConcurrentFeaturisations < 0) throw new ArgumentException("Annotation:MaxConcurrentFeaturisations must be >= 0");
        if (ShardSegmentSize < 1) throw new ArgumentException($"Annotation:ShardSegmentSize must be >= 1, not {ShardSegmentSize}");
        if (ShardCommitMilliseconds < 0) throw new ArgumentException("Annotation:ShardCommitMilliseconds must be >= 0");
        if (Clusters < 1 || BootstrapSize < 1) throw new ArgumentException("Annotation:Clusters and Annotation:BootstrapSize must be >= 1");
        if (AssignBatchSize < 1 || AssignBatchMilliseconds < 0 || SnapshotMaxAgeMilliseconds < 0)
            throw new ArgumentException("Annotation:AssignBatchSize must be >= 1, AssignBatchMilliseconds and SnapshotMaxAgeMilliseconds >= 0");
        if (AssignmentDeliverySeconds < 1) throw new ArgumentException($"Annotation:AssignmentDeliverySeconds must be >= 1, not {AssignmentDeliverySeconds}");
        if (ExemplarsPerCluster < 0) throw new ArgumentException($"Annotation:ExemplarsPerCluster must be >= 0, not {ExemplarsPerCluster}");
        if (RefineEvery < 0 || RefineSampleSize < 2 || RefinePolishPasses < 0)
            throw new ArgumentException("Annotation:RefineEvery must be >= 0, RefineSampleSize >= 2 and RefinePolishPasses >= 0");
        if (ProjectDimension < 0) throw new ArgumentException($"Annotation:ProjectDimension must be >= 0 (0 = no projection), not {ProjectDimension}");
        if (ImageWeight < 0 || MetadataWeight < 0 || ReportWeight < 0) throw new ArgumentException("Annotation weights must be >= 0");
    }
}

using RadiologyNet.Grains;

namespace RadiologyNet.Client.LoadTest;

/// <summary>What <c>radnet loadtest</c> runs.</summary>
/// <param name="Instances">Synthetic instances to ingest.</param>
/// <param name="StudiesMean">Mean study size.</param>
/// <param name="Clusters">k of the model.</param>
/// <param name="Components">Components of the synthetic mixture (the truth).</param>
/// <param name="Seed">Seed of the archive, the vectors and the model.</param>
/// <param name="Out">Folder for truth.csv, loadtest.json and the verbs' outputs.</param>
/// <param name="OfflineLimit">Largest n for the offline k-means baseline (it holds n × d floats).</param>
/// <param name="Model">Model name.</param>
/// <param name="BootstrapSize">Vectors the model collects before it bootstraps.</param>
/// <param name="Window">Most instances published ahead of the settled count (bounds the queued events).</param>
public sealed record LoadTestSettings(long Instances, double StudiesMean = 7, int Clusters = 50, int Components = 50, int Seed = 42,
    string Out = "loadtest-out", long OfflineLimit = 50_000, string Model = "default", int BootstrapSize = 1000, int Window = 20_000)
{
    /// <summary>Shards of the embedded silo: the default count, or more so that none is planned beyond <see cref="AnnotationOptions.InstancesPerShard"/>.</summary>
    public int Shards => Math.Max(new AnnotationOptions().Shards, AnnotationOptions.ShardsFor(Instances));

    /// <summary>Throws <see cref="ArgumentException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (Instances < 1) throw new ArgumentException($"--instances must be at least 1, not {Instances}");
        if (!(StudiesMean is > 1 and <= 100)) throw new ArgumentException($"--studies-mean must be in (1, 100], not {StudiesMean}");
        if (Clusters < 2) throw new ArgumentException($"--clusters must be at least 2, not {Clusters}");
        if (Components < 1) throw new ArgumentException($"--components must be at least 1, not {Components}");
        if (Instances < Clusters) throw new ArgumentException($"--instances ({Instances}) must be at least --clusters ({Clusters})");
        if (OfflineLimit < 0) throw new ArgumentException($"--offline-limit must be >= 0, not {OfflineLimit}");
    }
}

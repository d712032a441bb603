using BenchmarkDotNet.Attributes;
using RadiologyNet.Clustering;

namespace RadiologyNet.Benchmarks;

/// <summary>
/// Full k-means fits (Lloyd, Elkan, mini-batch) and seeding (k-means++, k-means||) on synthetic Gaussian blobs,
/// n = 20,000, d = 64, k = 20 (the shape of reference set (b)). The sklearn comparison is bench/side_by_side.py.
/// </summary>
[MemoryDiagnoser]
public class KMeansBenchmarks
{
    private const int N = 20_000, D = 64, K = 20;
    private float[] _x = [];
    private float[] _init = [];

    /// <summary>Blobs around K random centres, fixed seed; the first K points are the initial centroids.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var centres = new double[K * D];
        for (int i = 0; i < centres.Length; i++) centres[i] = rng.NextDouble() * 10;
        _x = new float[N * D];
        for (int p = 0; p < N; p++)
            for (int f = 0; f < D; f++)
                _x[p * D + f] = (float)(centres[(p % K) * D + f] + rng.NextDouble() * 4 - 2);
        _init = _x[..(K * D)];
    }

    /// <summary>Lloyd to convergence (tol 0).</summary>
    [Benchmark(Baseline = true)]
    public double Lloyd() => RadiologyNet.Clustering.Lloyd.Run(_x, N, D, _init, K, 300, 0).Inertia;

    /// <summary>Elkan to convergence (tol 0), 1 thread.</summary>
    [Benchmark]
    public double Elkan() => RadiologyNet.Clustering.Elkan.Run(_x, N, D, _init, K, 300, 0).Inertia;

    /// <summary>Mini-batch, 100 batches of 1,024.</summary>
    [Benchmark]
    public double MiniBatch() => MiniBatchKMeans.Fit(_x, N, D, _init, K, seed: 1).Inertia;

    /// <summary>Greedy k-means++ seeding.</summary>
    [Benchmark]
    public float KMeansPlusPlusInit() => KMeansPlusPlus.Initialize(_x, N, D, K, 1)[0];

    /// <summary>k-means|| seeding (5 rounds, ℓ = 2k).</summary>
    [Benchmark]
    public float KMeansParallelInit() => KMeansParallel.Initialize(_x, N, D, K, 1)[0];
}

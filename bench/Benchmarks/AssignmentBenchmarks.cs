using BenchmarkDotNet.Attributes;
using RadiologyNet.Clustering;

namespace RadiologyNet.Benchmarks;

/// <summary>
/// One nearest-centroid pass (<see cref="NearestCentroid.Assign"/>) at the size of issue 5: n = 100,000, d = 512,
/// k = 50, synthetic uniform data, 1 and 2 threads. The side-by-side comparison with numpy is bench/side_by_side.py.
/// </summary>
[MemoryDiagnoser]
public class AssignmentBenchmarks
{
    private float[] _x = [];
    private float[] _c = [];
    private int[] _labels = [];
    private float[] _sq = [];

    /// <summary>Points.</summary>
    [Params(100_000)] public int N { get; set; }

    /// <summary>Dimension.</summary>
    [Params(512)] public int D { get; set; }

    /// <summary>Centroids.</summary>
    [Params(50)] public int K { get; set; }

    /// <summary>Threads.</summary>
    [Params(1, 2)] public int Threads { get; set; }

    /// <summary>Synthetic data, fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _x = new float[N * D];
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)rng.NextDouble();
        _c = new float[K * D];
        for (int i = 0; i < _c.Length; i++) _c[i] = (float)rng.NextDouble();
        _labels = new int[N];
        _sq = new float[N];
    }

    /// <summary>One assignment pass.</summary>
    [Benchmark]
    public int Assign()
    {
        NearestCentroid.Assign(_x, N, D, _c, K, _labels, _sq, Threads);
        return _labels[N - 1];
    }
}

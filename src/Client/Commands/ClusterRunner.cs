using System.Diagnostics;
using System.Text.Json.Serialization;
using RadiologyNet.Clustering;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Commands;

/// <summary>What <c>radnet cluster</c> was asked to do.</summary>
public sealed record ClusterRequest(string Input, int K, string Algorithm, string Output)
{
    /// <summary>euclidean, manhattan or cosine.</summary>
    public string Metric { get; init; } = "euclidean";
    /// <summary>A .npy of k × d initial centroids, or kmeans++, kmeans||, kmedoids++, build; null: the algorithm's default.</summary>
    public string? Init { get; init; }
    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; }
    /// <summary>Iteration cap; null: the algorithm's default (300; mini-batch 100 batches).</summary>
    public int? MaxIterations { get; init; }
    /// <summary>sklearn's relative tolerance for kmeans/elkan (0: run to unchanged labels).</summary>
    public double Tolerance { get; init; } = 1e-4;
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 1024;
    /// <summary>Worker threads.</summary>
    public int Threads { get; init; } = 1;
}

/// <summary>The one JSON line <c>radnet cluster</c> prints (snake_case).</summary>
public sealed record ClusterSummary(string Algorithm, int N, int D, int K, string Metric, string Init, double Cost, int Iterations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Swaps, double Seconds, bool Converged)
{
    /// <summary>Row indices of the medoids (k-medoids algorithms only).</summary>
    public int[]? Medoids { get; init; }
}

/// <summary>Runs one clustering for <c>radnet cluster</c>: reads X.npy, fits, writes labels.npy (int32), returns the summary.</summary>
public static class ClusterRunner
{
    /// <summary>The algorithm names the command accepts.</summary>
    public static readonly string[] Algorithms = ["kmeans", "elkan", "minibatch", "fasterpam", "pam", "alternate", "clara"];

    /// <summary>Runs the request.</summary>
    /// <exception cref="ArgumentException">An option does not fit the data or the algorithm.</exception>
    public static ClusterSummary Run(ClusterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string algorithm = request.Algorithm.ToLowerInvariant();
        if (!Algorithms.Contains(algorithm)) throw new ArgumentException($"Unknown algorithm '{request.Algorithm}' (one of {string.Join(", ", Algorithms)}).");
        if (request.K < 1) throw new ArgumentException($"k must be at least 1, got {request.K}.");
        if (request.Threads < 1) throw new ArgumentException($"--threads must be at least 1, got {request.Threads}.");

        float[] x = NpyReader.ReadMatrix(request.Input, out int n, out int d);
        if (n < request.K) throw new ArgumentException($"k = {request.K} exceeds the number of points n = {n}.");
        string metric = request.Metric.ToLowerInvariant();
        if (KMedoidsRunner.Algorithms.Contains(algorithm)) return RunKMedoids(algorithm, x, n, d, request, metric);
        if (metric == "manhattan")
            throw new ArgumentException("k-means minimises squared Euclidean distance; for --metric manhattan use a k-medoids algorithm.");
        if (metric == "cosine") NormalizeRows(x, n, d);
        else if (metric != "euclidean") throw new ArgumentException($"Unknown metric '{request.Metric}' (euclidean, manhattan or cosine).");

        var watch = Stopwatch.StartNew();
        string initName = request.Init ?? "kmeans++";
        float[] init = Initial(x, n, d, request, initName);
        int maxIter = request.MaxIterations ?? (algorithm == "minibatch" ? 100 : 300);
        var result = algorithm switch
        {
            "kmeans" => Lloyd.Run(x, n, d, init, request.K, maxIter, request.Tolerance),
            "elkan" => Elkan.Run(x, n, d, init, request.K, maxIter, request.Tolerance, request.Threads),
            _ => MiniBatchKMeans.Fit(x, n, d, init, request.K, request.Seed, request.BatchSize, maxIter, 0, request.Threads),
        };
        double seconds = watch.Elapsed.TotalSeconds;
        NpyWriter.Write(request.Output, result.Labels);
        return new ClusterSummary(algorithm, n, d, request.K, metric, initName, result.Inertia, result.Iterations, null, seconds, result.Converged);
    }

    private static ClusterSummary RunKMedoids(string algorithm, float[] x, int n, int d, ClusterRequest request, string metric)
    {
        string init = (request.Init ?? KMedoidsRunner.DefaultInit(algorithm)).ToLowerInvariant();
        if (request.Init is not null && request.Init.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) init = request.Init;
        var watch = Stopwatch.StartNew();
        var result = KMedoidsRunner.Run(algorithm, x, n, d, request, metric, init);
        double seconds = watch.Elapsed.TotalSeconds;
        NpyWriter.Write(request.Output, result.Labels);
        return new ClusterSummary(algorithm, n, d, request.K, metric, init, result.Cost, result.Iterations, result.Swaps, seconds, true)
        {
            Medoids = result.Medoids,
        };
    }

    private static float[] Initial(float[] x, int n, int d, ClusterRequest request, string init)
    {
        switch (init.ToLowerInvariant())
        {
            case "kmeans++": return KMeansPlusPlus.Initialize(x, n, d, request.K, request.Seed);
            case "kmeans||": return KMeansParallel.Initialize(x, n, d, request.K, request.Seed, parallelism: request.Threads);
            case "kmedoids++" or "build":
                throw new ArgumentException($"--init {init} seeds k-medoids algorithms; k-means takes kmeans++, kmeans|| or a .npy of centroids.");
        }
        if (!init.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown --init '{init}' (kmeans++, kmeans||, kmedoids++, build or a .npy file).");
        float[] c = NpyReader.ReadMatrix(init, out int k, out int dc);
        if (k != request.K || dc != d) throw new ArgumentException($"--init {Path.GetFileName(init)} is {k} × {dc}; expected k × d = {request.K} × {d}.");
        return c;
    }

    private static void NormalizeRows(float[] x, int n, int d)
    {
        for (int p = 0; p < n; p++)
        {
            var row = x.AsSpan(p * d, d);
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(row);
            if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
    }
}

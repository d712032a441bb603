using RadiologyNet.Clustering.KMedoids;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// The k-medoids half of <c>radnet cluster</c>: FasterPAM, PAM (BUILD+SWAP), alternate and CLARA from
/// <c>RadiologyNet.Clustering.KMedoids</c>. The full n × n matrix is used up to <see cref="DenseLimit"/> points
/// (8n² bytes), dissimilarities on the fly above that and always for CLARA.
/// </summary>
public static class KMedoidsRunner
{
    /// <summary>Largest n for which the dense dissimilarity matrix is built (about 1.2 GB).</summary>
    public const int DenseLimit = 12_000;

    /// <summary>The algorithm names this runner handles.</summary>
    public static readonly string[] Algorithms = ["fasterpam", "pam", "alternate", "clara"];

    /// <summary>Fits <paramref name="algorithm"/> on x (n × d).</summary>
    public static KMedoidsResult Run(string algorithm, float[] x, int n, int d, ClusterRequest request, string metric, string init)
    {
        var m = metric switch
        {
            "euclidean" => DissimilarityMetric.Euclidean,
            "manhattan" => DissimilarityMetric.Manhattan,
            "cosine" => DissimilarityMetric.Cosine,
            _ => throw new ArgumentException($"Unknown metric '{metric}' (euclidean, manhattan or cosine)."),
        };
        if (algorithm == "clara" || n > DenseLimit)
            return Fit(new VectorDissimilarity(x, n, d, m), algorithm, request, init);
        return Fit(DenseDissimilarity.FromVectors(x, n, d, m), algorithm, request, init);
    }

    /// <summary>The default --init of each k-medoids algorithm.</summary>
    public static string DefaultInit(string algorithm) => algorithm switch
    {
        "pam" => "build",
        "clara" => "build",
        _ => "kmedoids++",
    };

    private static KMedoidsResult Fit<T>(in T diss, string algorithm, ClusterRequest request, string init) where T : struct, IDissimilarity
    {
        int k = request.K;
        if (algorithm == "clara")
        {
            if (request.Init is not null && init != "build")
                throw new ArgumentException("clara draws its own samples and seeds each with BUILD; it takes no --init.");
            return request.MaxIterations is { } cap
                ? Clara.Fit(diss, k, seed: request.Seed, maxIterations: cap)
                : Clara.Fit(diss, k, seed: request.Seed);
        }
        int[] medoids = Initial(diss, k, request, init);
        return algorithm switch
        {
            "fasterpam" => FasterPam.Fit(diss, medoids, request.MaxIterations ?? 100),
            "pam" => Pam.Fit(diss, medoids, request.MaxIterations ?? 1000),
            _ => Alternate.Fit(diss, medoids, request.MaxIterations ?? 300),
        };
    }

    private static int[] Initial<T>(in T diss, int k, ClusterRequest request, string init) where T : struct, IDissimilarity
    {
        switch (init)
        {
            case "kmedoids++": return KMedoidsInitializer.Select(diss, k, KMedoidsInit.PlusPlus, request.Seed);
            case "build": return KMedoidsInitializer.Select(diss, k, KMedoidsInit.Build, request.Seed);
            case "random": return KMedoidsInitializer.Select(diss, k, KMedoidsInit.Random, request.Seed);
            case "kmeans++" or "kmeans||":
                throw new ArgumentException($"--init {init} seeds k-means; k-medoids takes kmedoids++, build, random or a .npy of medoid indices.");
        }
        if (!init.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown --init '{init}' (kmedoids++, build, random or a .npy of k medoid indices).");
        int[] medoids = NpyReader.ReadLabels(init);
        if (medoids.Length != k) throw new ArgumentException($"--init {Path.GetFileName(init)} holds {medoids.Length} medoid indices; expected k = {k}.");
        foreach (int i in medoids)
            if (i < 0 || i >= diss.Count) throw new ArgumentException($"Medoid index {i} is outside 0..{diss.Count - 1}.");
        if (medoids.Distinct().Count() != k) throw new ArgumentException("The initial medoid indices must be distinct.");
        return medoids;
    }
}

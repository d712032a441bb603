using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Clustering;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>kmeans INPUT.f32 --init INIT.f32 [--algorithm lloyd|elkan] [--tol T] [--max-iter M] [--threads N] [--repeat R]</c>:
/// a full fit from the given centroids (float64, as <c>peers/kmeans_sklearn.py --dtype float64</c>), median of R runs
/// after one untimed warm-up fit.
/// </summary>
public static class KMeansHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 1);
        float[] x = F32File.Read(a.Positional[0], out int n, out int d);
        float[] init = F32File.Read(a.String("--init") ?? throw new ArgumentException("--init INIT.f32 is required"), out int k, out _);
        string algorithm = a.String("--algorithm") ?? "elkan";
        double tol = a.Double("--tol", 1e-4);
        int maxIter = a.Int("--max-iter", 300), threads = a.Int("--threads", 1), repeat = a.Int("--repeat", 3);
        KMeansResult? result = null;
        var times = new List<double>();
        // one untimed warm-up fit, as in the assign verb: the timed fits then run fully JIT-optimised code
        _ = algorithm == "lloyd" ? Lloyd.Run(x, n, d, init, k, maxIter, tol) : Elkan.Run(x, n, d, init, k, maxIter, tol, threads);
        for (int r = 0; r < repeat; r++)
        {
            var t = Stopwatch.StartNew();
            result = algorithm == "lloyd"
                ? Lloyd.Run(x, n, d, init, k, maxIter, tol)
                : Elkan.Run(x, n, d, init, k, maxIter, tol, threads);
            times.Add(t.Elapsed.TotalSeconds);
        }
        double median = times.Order().ElementAt(times.Count / 2);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = $"radiologynet-{algorithm}", ["version"] = $".NET {Environment.Version}", ["seconds"] = Math.Round(median, 6),
            ["result"] = new Dictionary<string, object>
            {
                ["n"] = n, ["d"] = d, ["k"] = k, ["dtype"] = "float64", ["threads"] = algorithm == "lloyd" ? 1 : threads, ["tol"] = tol,
                ["inertia_f64"] = result!.Inertia, ["n_iter"] = result.Iterations, ["times"] = times.Select(v => Math.Round(v, 6)).ToArray(),
            },
        }));
        return 0;
    }
}

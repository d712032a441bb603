using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>kmedoids INPUT.f32 K [--metric euclidean|manhattan] [--storage f32|f64] [--threads N] [--repeat R]
/// [--seed S | --init-medoids i,j,...] [--reuse-buffer yes]</c>: what R's <c>pam()</c> times, done our way — the dissimilarity matrix from
/// the vectors (float32 SIMD kernel on N threads, or the R-exact double matrix), FasterPAM (one thread) from a random
/// init (or the given medoids, e.g. R's own <c>set.seed(S); sample.int(n, k)</c>), and the total deviation recomputed
/// in double as R computes it. Median of R runs after one untimed warm-up run (JIT). Also reports the matrix and
/// FasterPAM times separately and FasterPAM's ns per n², and process CPU seconds (user + system, all threads). <c>--reuse-buffer yes</c>
/// builds every run's float matrix into the previous run's array (no fresh pages to fault in), as a service that clusters
/// repeatedly would; R allocates afresh on every call, so the like-for-like figure is without it.
/// </summary>
public static class KMedoidsHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 2);
        float[] x = F32File.Read(a.Positional[0], out int n, out int d);
        int k = int.Parse(a.Positional[1], CultureInfo.InvariantCulture);
        string metricName = a.String("--metric") ?? "euclidean";
        var metric = metricName == "manhattan" ? DissimilarityMetric.Manhattan : DissimilarityMetric.Euclidean;
        string storage = a.String("--storage") ?? "f32";
        int threads = a.Int("--threads", 1), repeat = a.Int("--repeat", 3);
        int[] init = a.String("--init-medoids") is { } list
            ? list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : RandomMedoids.Select(n, k, a.Int("--seed", 1));
        if (init.Length != k) throw new ArgumentException($"--init-medoids holds {init.Length} indices, expected k = {k}");

        var totals = new List<double>();
        var builds = new List<double>();
        var swaps = new List<double>();
        var cpus = new List<double>();
        var matrixCpus = new List<double>();
        var swapCpus = new List<double>();
        bool reuse = a.String("--reuse-buffer") == "yes";
        float[]? buffer = null;
        var process = Process.GetCurrentProcess();
        KMedoidsResult? fit = null;
        double cost = 0;
        for (int r = 0; r <= repeat; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var total = Stopwatch.StartNew();
            double buildSeconds, swapSeconds;
            TimeSpan cpuBuilt;
            if (storage == "f64")
            {
                var m = DenseDissimilarity.FromVectors(x, n, d, metric);
                buildSeconds = total.Elapsed.TotalSeconds;
                process.Refresh();
                cpuBuilt = process.TotalProcessorTime;
                fit = FasterPam.Fit(m, init);
            }
            else
            {
                var m = DenseFloatDissimilarity.FromVectors(x, n, d, metric, threads, reuse ? buffer : null);
                buffer = m.Values;
                buildSeconds = total.Elapsed.TotalSeconds;
                process.Refresh();
                cpuBuilt = process.TotalProcessorTime;
                fit = FasterPam.Fit(m, init);
            }
            swapSeconds = total.Elapsed.TotalSeconds - buildSeconds;
            process.Refresh();
            var cpuSwapped = process.TotalProcessorTime;
            cost = MedoidAssignment.ExactCost(x, n, d, metric, fit.Medoids);
            double seconds = total.Elapsed.TotalSeconds;
            process.Refresh();
            if (r == 0) continue; // warm-up
            cpus.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
            matrixCpus.Add((cpuBuilt - cpu0).TotalSeconds);
            swapCpus.Add((cpuSwapped - cpuBuilt).TotalSeconds);
            totals.Add(seconds);
            builds.Add(buildSeconds);
            swaps.Add(swapSeconds);
        }
        double swapMedian = Median(swaps);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = $"radiologynet FasterPAM [{storage}, matrix threads {threads}]",
            ["version"] = $".NET {Environment.Version}",
            ["seconds"] = Math.Round(Median(totals), 6),
            ["result"] = new Dictionary<string, object>
            {
                ["n"] = n, ["d"] = d, ["k"] = k, ["metric"] = metricName, ["storage"] = storage, ["matrix_threads"] = threads,
                ["total_deviation"] = cost, ["medoids"] = fit!.Medoids.Order().ToArray(), ["iterations"] = fit.Iterations, ["swaps"] = fit.Swaps,
                ["matrix_seconds"] = Math.Round(Median(builds), 6), ["fasterpam_seconds"] = Math.Round(swapMedian, 6),
                ["fasterpam_ns_per_n2"] = Math.Round(swapMedian * 1e9 / ((double)n * n), 3),
                ["cpu_seconds"] = Math.Round(Median(cpus), 6),
                ["matrix_cpu_seconds"] = Math.Round(Median(matrixCpus), 6),
                ["reuse_buffer"] = reuse,
                ["fasterpam_cpu_seconds"] = Math.Round(Median(swapCpus), 6),
                ["fasterpam_cpu_ns_per_n2"] = Math.Round(Median(swapCpus) * 1e9 / ((double)n * n), 3),
                ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
                ["times"] = totals.Select(v => Math.Round(v, 6)).ToArray(),
                ["matrix_times"] = builds.Select(v => Math.Round(v, 6)).ToArray(),
                ["fasterpam_times"] = swaps.Select(v => Math.Round(v, 6)).ToArray(),
            },
        }));
        return 0;
    }

    private static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
}

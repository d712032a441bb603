using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Benchmarks;

/// <summary>
/// FasterPAM against R's <c>cluster::pam</c>, side by side in one run, on the n = 5,000 sets of
/// ../shared/reference/kmedoids. The global setup first runs <c>peers/pam_r.R</c> on the same input (FasterPAM
/// swap from a random init, and from BUILD) and times ours the same way (median of 3, distances included, one
/// thread), printing one JSON line per peer and the ratio; BenchmarkDotNet then measures FasterPAM alone on a
/// precomputed dense matrix (the figure for ns per n²), the matrix build and CLARA.
/// Run: <c>dotnet run -c Release --project bench/Benchmarks -- --filter '*KMedoids*'</c>.
/// </summary>
[Config(typeof(InProcessConfig))]
public class KMedoidsBenchmarks
{
    /// <summary>In-process (the project's assembly name differs from its file name, which the out-of-process toolchain needs), 2 warm-ups, 7 iterations.</summary>
    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithWarmupCount(2).WithIterationCount(7).WithLaunchCount(1));
    }

    private float[] _x = [];
    private int _n, _d;
    private DenseDissimilarity _matrix;
    private DenseFloatDissimilarity _matrix32;
    private int[] _init = [];

    /// <summary>Dataset and k.</summary>
    [Params("kmed_n5000_d8_k20:20", "kmed_n5000_d32_k12_outliers:12")]
    public string Set { get; set; } = "";

    /// <summary>Metric.</summary>
    [Params("euclidean", "manhattan")]
    public string Metric { get; set; } = "";

    private string Name => Set.Split(':')[0];
    private int K => int.Parse(Set.Split(':')[1], CultureInfo.InvariantCulture);
    private DissimilarityMetric M => Metric == "manhattan" ? DissimilarityMetric.Manhattan : DissimilarityMetric.Euclidean;

    /// <summary>Loads the data, runs the side-by-side comparison against R, builds the matrix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = KMedoidsVersusR.DataPath(Name);
        _x = KMedoidsVersusR.ReadF32(path, out _n, out _d);
        KMedoidsVersusR.Compare(path, _x, _n, _d, K, Metric, M, seed: 1);
        _matrix = DenseDissimilarity.FromVectors(_x, _n, _d, M);
        _matrix32 = DenseFloatDissimilarity.FromVectors(_x, _n, _d, M);
        _init = RandomMedoids.Select(_n, K, 1);
    }

    /// <summary>FasterPAM from a random init on a precomputed dense matrix (divide by n² for ns per n²).</summary>
    [Benchmark]
    public double FasterPam_dense() => FasterPam.Fit(_matrix, _init).Cost;

    /// <summary>FasterPAM from a random init on a precomputed float32 matrix (the fast path; divide by n² for ns per n²).</summary>
    [Benchmark]
    public double FasterPam_float32() => FasterPam.Fit(_matrix32, _init).Cost;

    /// <summary>The float32 matrix, blocked SIMD kernel, one thread, fresh memory each time.</summary>
    [Benchmark]
    public int Float32Matrix() => DenseFloatDissimilarity.FromVectors(_x, _n, _d, M).Count;

    /// <summary>The float32 matrix built into the previous one's memory (no page faults).</summary>
    [Benchmark]
    public int Float32Matrix_reused() => DenseFloatDissimilarity.FromVectors(_x, _n, _d, M, reuse: _matrix32.Values).Count;

    /// <summary>The dense double matrix from the float vectors (R-exact values).</summary>
    [Benchmark]
    public int DenseMatrix() => DenseDissimilarity.FromVectors(_x, _n, _d, M).Count;

    /// <summary>CLARA with R's budget (50 samples of 40 + 2k) on on-the-fly distances (no n² matrix).</summary>
    [Benchmark]
    public double Clara_onTheFly() => Clara.Fit(new VectorDissimilarity(_x, _n, _d, M), K, samples: 50, seed: 1).Cost;
}

/// <summary>The side-by-side part of <see cref="KMedoidsBenchmarks"/>: R's pam via peers/pam_r.R and ours, one JSON line each.</summary>
public static class KMedoidsVersusR
{
    /// <summary>../shared/reference/kmedoids/NAME.f32 (RADNET_SHARED overrides ../shared).</summary>
    public static string DataPath(string name) => Path.Combine(Shared(), "reference", "kmedoids", name + ".f32");

    /// <summary>The shared folder beside the repository.</summary>
    public static string Shared()
    {
        var env = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx")))
                    return Path.Combine(dir.Parent!.FullName, "shared");
        throw new DirectoryNotFoundException("../shared not found (set RADNET_SHARED)");
    }

    /// <summary>Reads the shared .f32 format (little-endian float32, JSON header with n and d).</summary>
    public static float[] ReadF32(string path, out int n, out int d)
    {
        var header = JsonDocument.Parse(File.ReadAllText(path + ".json")).RootElement;
        n = header.GetProperty("n").GetInt32();
        d = header.GetProperty("d").GetInt32();
        var bytes = File.ReadAllBytes(path);
        var x = new float[n * d];
        Buffer.BlockCopy(bytes, 0, x, 0, bytes.Length);
        return x;
    }

    /// <summary>Runs R (random init and BUILD) and ours on the same input; prints JSON lines and ratios.</summary>
    public static void Compare(string path, float[] x, int n, int d, int k, string metric, DissimilarityMetric m, int seed)
    {
        string script = Path.Combine(Shared(), "peers", "pam_r.R");
        var rRandom = RunR(script, $"{path} {k} {metric} 6 --repeat 3 --random-init {seed}");
        var rBuild = RunR(script, $"{path} {k} {metric} 6 --repeat 3");

        // ours, timed as R is: distances (float32 matrix) + FasterPAM from a random init + the cost in double, median of 3 (after one warm-up)
        var times = new List<double>();
        var cpu = new List<double>();
        var swapTimes = new List<double>();
        KMedoidsResult? fit = null;
        for (int r = 0; r < 4; r++)
        {
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var matrix = DenseFloatDissimilarity.FromVectors(x, n, d, m);
            var swapWatch = Stopwatch.StartNew();
            fit = FasterPam.Fit(matrix, RandomMedoids.Select(n, k, seed));
            double swapSeconds = swapWatch.Elapsed.TotalSeconds;
            fit = fit with { Cost = MedoidAssignment.ExactCost(x, n, d, m, fit.Medoids) }; // R's way, as R reports it
            double total = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            if (r == 0) continue;
            times.Add(total);
            swapTimes.Add(swapSeconds);
            cpu.Add((proc.TotalProcessorTime - cpu0).TotalSeconds);
        }
        double median = Median(times), swapMedian = Median(swapTimes);
        var ours = new Dictionary<string, object>
        {
            ["peer"] = "radiologynet FasterPAM (random init, float32 matrix)",
            ["version"] = $".NET {Environment.Version}",
            ["seconds"] = Math.Round(median, 4),
            ["result"] = new Dictionary<string, object>
            {
                ["n"] = n, ["d"] = d, ["k"] = k, ["metric"] = metric, ["total_deviation"] = fit!.Cost,
                ["medoids"] = fit.Medoids.Order().ToArray(), ["iterations"] = fit.Iterations, ["swaps"] = fit.Swaps,
                ["times"] = times.Select(t => Math.Round(t, 4)).ToArray(),
                ["cpu_seconds"] = cpu.Select(t => Math.Round(t, 4)).ToArray(),
                ["fasterpam_only_seconds"] = Math.Round(swapMedian, 4),
                ["fasterpam_only_ns_per_n2"] = Math.Round(swapMedian * 1e9 / ((double)n * n), 3),
                ["load_average"] = LoadAverage(),
            },
        };
        Console.WriteLine(JsonSerializer.Serialize(ours));
        foreach (var (label, r) in new[] { ("random init", rRandom), ("BUILD", rBuild) })
        {
            if (r is null) { Console.WriteLine($"# R pam ({label}) unavailable"); continue; }
            double rSeconds = r.Value.GetProperty("seconds").GetDouble();
            double rCost = r.Value.GetProperty("result").GetProperty("total_deviation").GetDouble();
            Console.WriteLine(r.Value.GetRawText());
            Console.WriteLine(FormattableString.Invariant(
                $"# kmedoids {Path.GetFileNameWithoutExtension(path)} {metric}: R pam pamonce=6 ({label}) {rSeconds:F3} s, ours {median:F3} s → ratio {rSeconds / median:F1}×; cost ours/R {fit.Cost / rCost:F12}"));
        }
    }

    private static JsonElement? RunR(string script, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"{script} {args}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string stdout = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
            return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // Rscript not installed: run ../shared/peers/install.sh
        }
    }

    private static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
}

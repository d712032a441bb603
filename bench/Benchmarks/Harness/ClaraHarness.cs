using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>clara INPUT.f32 K [--metric euclidean|manhattan] [--samples 50] [--sampsize 40+2K] [--seeds 1,2,...]
/// [--start build|best|both] [--solver fasterpam|pam] [--refine none|best|every] [--repeat R]</c>: CLARA (FasterPAM per sample, on-the-fly float distances, no n² matrix)
/// with R's budget by default, once per seed; prints the median time of the first seed's R runs and, per seed, the
/// total deviation recomputed in double as R computes it (for comparison with <c>peers/clara_r.R</c>).
/// </summary>
public static class ClaraHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 2);
        float[] x = F32File.Read(a.Positional[0], out int n, out int d);
        int k = int.Parse(a.Positional[1], CultureInfo.InvariantCulture);
        string metricName = a.String("--metric") ?? "euclidean";
        var metric = metricName == "manhattan" ? DissimilarityMetric.Manhattan : DissimilarityMetric.Euclidean;
        int samples = a.Int("--samples", 50), size = a.Int("--sampsize", Clara.DefaultSampleSize(k)), repeat = a.Int("--repeat", 3);
        var seeds = (a.String("--seeds") ?? "1").Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var start = (a.String("--start") ?? "build") switch
        {
            "best" => ClaraStart.BestSoFar,
            "both" => ClaraStart.Both,
            _ => ClaraStart.Build,
        };
        bool pam = a.String("--solver") == "pam";
        var refine = (a.String("--refine") ?? "best") switch
        {
            "none" => ClaraRefine.None,
            "every" => ClaraRefine.Every,
            _ => ClaraRefine.Best,
        };
        var diss = new VectorDissimilarity(x, n, d, metric);
        _ = Clara.Fit(diss, k, samples: Math.Min(samples, 2), sampleSize: size, seed: seeds[0], start: start, usePam: pam, refine: refine); // JIT warm-up
        var times = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            _ = Clara.Fit(diss, k, samples: samples, sampleSize: size, seed: seeds[0], start: start, usePam: pam, refine: refine);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        var costs = new List<double>();
        foreach (long seed in seeds)
        {
            var fit = Clara.Fit(diss, k, samples: samples, sampleSize: size, seed: seed, start: start, usePam: pam, refine: refine);
            costs.Add(MedoidAssignment.ExactCost(x, n, d, metric, fit.Medoids));
        }
        var sorted = costs.Order().ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = $"radiologynet CLARA [{(pam ? "PAM" : "FasterPAM")}, start {start}, refine {refine}]",
            ["version"] = $".NET {Environment.Version}",
            ["seconds"] = Math.Round(times.Order().ElementAt(times.Count / 2), 6),
            ["result"] = new Dictionary<string, object>
            {
                ["n"] = n, ["d"] = d, ["k"] = k, ["metric"] = metricName, ["samples"] = samples, ["sampsize"] = size,
                ["seeds"] = seeds, ["total_deviations"] = costs, ["total_deviation_median"] = sorted[sorted.Length / 2],
                ["total_deviation_best"] = sorted[0], ["times"] = times.Select(v => Math.Round(v, 6)).ToArray(),
                ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
            },
        }));
        return 0;
    }
}

using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Clustering;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>assign-scale [--n 1337926] [--d 1024] [--k 50] [--chunk 65536] [--threads N]</c>: one assignment pass over a
/// synthetic n × d float32 archive generated chunk by chunk (memory stays at one chunk), reporting the assignment
/// time alone, the wall time including generation, and the process's peak working set.
/// </summary>
public static class ScaleHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 0);
        int n = a.Int("--n", 1_337_926), d = a.Int("--d", 1024), k = a.Int("--k", 50), chunk = a.Int("--chunk", 65536), threads = a.Int("--threads", 1);
        ulong state = 0x9E3779B97F4A7C15UL;
        float Next()
        {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            return (state >> 40) * (1f / (1 << 24)) - 0.5f;
        }
        var centroids = new float[k * d];
        for (int i = 0; i < centroids.Length; i++) centroids[i] = Next();
        var buffer = new float[(long)chunk * d];
        var labels = new int[chunk];
        var sq = new float[chunk];
        var counts = new long[k];
        double assignSeconds = 0, inertia = 0;
        var wall = Stopwatch.StartNew();
        for (int p0 = 0; p0 < n; p0 += chunk)
        {
            int m = Math.Min(chunk, n - p0);
            for (long i = 0; i < (long)m * d; i++) buffer[i] = Next();
            var t = Stopwatch.StartNew();
            NearestCentroid.Assign(buffer, m, d, centroids, k, labels, sq, threads);
            assignSeconds += t.Elapsed.TotalSeconds;
            for (int p = 0; p < m; p++) { counts[labels[p]]++; inertia += sq[p]; }
        }
        double wallSeconds = wall.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = "radiologynet-assign-scale", ["version"] = $".NET {Environment.Version}", ["seconds"] = Math.Round(assignSeconds, 3),
            ["result"] = new Dictionary<string, object>
            {
                ["n"] = n, ["d"] = d, ["k"] = k, ["chunk"] = chunk, ["threads"] = threads,
                ["assign_seconds"] = Math.Round(assignSeconds, 3), ["wall_seconds_incl_generation"] = Math.Round(wallSeconds, 3),
                ["gflops"] = Math.Round(2.0 * n * k * d / assignSeconds / 1e9, 2), ["points_per_second"] = Math.Round(n / assignSeconds),
                ["peak_working_set_mib"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
                ["data_bytes_total_gib"] = Math.Round((double)n * d * 4 / (1 << 30), 2), ["inertia_f32_sum"] = inertia,
                ["nonempty_clusters"] = counts.Count(c => c > 0),
            },
        }));
        return 0;
    }
}

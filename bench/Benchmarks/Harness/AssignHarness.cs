using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using RadiologyNet.Clustering;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>assign INPUT.f32 CENTERS.f32 [--threads N] [--repeat R]</c>: one full <see cref="NearestCentroid.Assign"/> pass,
/// timed like <c>peers/assign_numpy.py</c> (one warm-up, median of R), printed as the same JSON line.
/// </summary>
public static class AssignHarness
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 2);
        var load = Stopwatch.StartNew();
        float[] x = F32File.Read(a.Positional[0], out int n, out int d);
        float[] c = F32File.Read(a.Positional[1], out int k, out int dc);
        double loadSeconds = load.Elapsed.TotalSeconds;
        if (d != dc) throw new ArgumentException($"dimension mismatch: {d} vs {dc}");
        int threads = a.Int("--threads", 1);
        int repeat = a.Int("--repeat", 5);
        var labels = new int[n];
        var sq = new float[n];
        NearestCentroid.Assign(x, n, d, c, k, labels, sq, threads);
        var times = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            var t = Stopwatch.StartNew();
            NearestCentroid.Assign(x, n, d, c, k, labels, sq, threads);
            times.Add(t.Elapsed.TotalSeconds);
        }
        double median = times.Order().ElementAt(times.Count / 2);
        double inertia = 0;
        for (int p = 0; p < n; p++)
        {
            double s = 0;
            for (int f = 0; f < d; f++) { double diff = (double)x[(long)p * d + f] - c[labels[p] * d + f]; s += diff * diff; }
            inertia += s;
        }
        byte[] bytes = new byte[n * 4];
        Buffer.BlockCopy(labels, 0, bytes, 0, bytes.Length);
        var result = new Dictionary<string, object>
        {
            ["n"] = n, ["d"] = d, ["k"] = k, ["dtype"] = "float32", ["threads"] = threads,
            ["simd_width"] = AssignKernelInfo.Width, ["gflops"] = Math.Round(2.0 * n * k * d / median / 1e9, 3),
            ["inertia_f64"] = inertia, ["labels_sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["times"] = times.Select(v => Math.Round(v, 6)).ToArray(), ["load_seconds"] = Math.Round(loadSeconds, 6),
        };
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = "radiologynet-assign", ["version"] = $".NET {Environment.Version}", ["seconds"] = Math.Round(median, 6), ["result"] = result,
        }));
        return 0;
    }
}

/// <summary>The SIMD width the assignment kernel uses here (floats per vector).</summary>
internal static class AssignKernelInfo
{
    public static int Width => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 16 : 8;
}

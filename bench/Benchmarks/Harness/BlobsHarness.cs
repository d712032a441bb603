using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>make-blobs OUT.f32 [--n 50000] [--d 32] [--k 50] [--seed 1]</c>: synthetic Gaussian blobs (k centres uniform in
/// [−10, 10]^d, unit-variance noise; deterministic for a seed) in the shared .f32 + .f32.json format, so that ours and
/// the R peers read the very same input (the 50,000-point k-medoids scale run).
/// </summary>
public static class BlobsHarness
{
    /// <summary>Writes the file and prints its header.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 1);
        int n = a.Int("--n", 50_000), d = a.Int("--d", 32), k = a.Int("--k", 50), seed = a.Int("--seed", 1);
        var rng = new Random(seed);
        var centres = new double[k * d];
        for (int i = 0; i < centres.Length; i++) centres[i] = rng.NextDouble() * 20 - 10;
        var x = new float[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            int c = rng.Next(k);
            for (int f = 0; f < d; f++)
            {
                double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                x[(long)i * d + f] = (float)(centres[c * d + f] + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
        }
        string path = a.Positional[0];
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
        string header = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["dtype"] = "float32", ["byte_order"] = "little", ["order"] = "C", ["n"] = n, ["d"] = d,
            ["generator"] = string.Create(CultureInfo.InvariantCulture, $"radnet make-blobs --n {n} --d {d} --k {k} --seed {seed}"),
        });
        File.WriteAllText(path + ".json", header);
        Console.WriteLine(header);
        return 0;
    }
}

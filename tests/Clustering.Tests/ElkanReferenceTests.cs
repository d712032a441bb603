using System.Text.Json;

namespace RadiologyNet.Clustering.Tests;

/// <summary>Elkan against scikit-learn 1.2.1 KMeans(algorithm='elkan', tol=0) from the given init (../shared/reference/kmeans).</summary>
public class ElkanReferenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Folder = "reference/kmeans";

    [SharedDataTheory(Folder)]
    [InlineData("km_a_blobs_n1000_d8_k5", 1)]
    [InlineData("km_b_overlap_n20000_d64_k20", 1)]
    [InlineData("km_b_overlap_n20000_d64_k20", 2)]
    public void ElkanFromGivenInitReproducesSklearn(string name, int parallelism)
    {
        string dir = SharedData.Require(Folder);
        float[] data = KMeansReferenceTests.ReadF32(Path.Combine(dir, name + ".f32"), out int n, out int d);
        float[] init = KMeansReferenceTests.ReadF32(Path.Combine(dir, name + ".init.f32"), out int k, out _);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".result.json"))).RootElement.GetProperty("elkan");
        int[] labels = [.. expected.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32())];

        var result = Elkan.Run(data, n, d, init, k, maxIterations: 300, tolerance: 0, parallelism: parallelism);

        Assert.Equal(expected.GetProperty("n_iter").GetInt32(), result.Iterations);
        Assert.True(result.Converged);
        Assert.Equal(labels, result.Labels);
        double inertia = expected.GetProperty("inertia").GetDouble();
        double rel = Math.Abs(result.Inertia - inertia) / inertia;
        output.WriteLine($"{name}: inertia {result.Inertia:R} vs {inertia:R}, rel {rel:E2}, {result.Iterations} iterations");
        Assert.True(rel <= 1e-12, $"relative inertia difference {rel:E2}");
        var centers = expected.GetProperty("centers").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        double scale = centers.Max(Math.Abs);
        for (int i = 0; i < centers.Length; i++) Assert.True(Math.Abs(centers[i] - result.CentroidsDouble[i]) <= 1e-12 * scale);
    }

    [Fact]
    public void MatchesLloydOnSmallDataIncludingToleranceStopAndIterationCap()
    {
        var rng = new Random(5);
        int n = 300, d = 3, k = 4;
        float[] data = [.. Enumerable.Range(0, n * d).Select(i => (float)(rng.NextDouble() * 10 + (i / d % 4) * 3))];
        float[] init = data[..(k * d)];
        foreach (var (tol, cap) in new[] { (0.0, 300), (1e-2, 300), (0.0, 2) })
        {
            var lloyd = Lloyd.Run(data, n, d, init, k, cap, tol);
            var elkan = Elkan.Run(data, n, d, init, k, cap, tol);
            Assert.Equal(lloyd.Labels, elkan.Labels);
            Assert.Equal(lloyd.Iterations, elkan.Iterations);
            Assert.Equal(lloyd.Converged, elkan.Converged);
            Assert.Equal(lloyd.Inertia, elkan.Inertia, lloyd.Inertia * 1e-12);
        }
    }

    [Fact]
    public void TwoObviousClustersGiveExactMeansAndInertia()
    {
        // points 0, 1 | 10, 12 on a line; init at 0 and 10 -> means 0.5 and 11, inertia 0.25·2 + 1 + 1 = 2.5
        float[] data = [0, 1, 10, 12];
        var r = Elkan.Run(data, 4, 1, [0f, 10f], 2, tolerance: 0);
        Assert.Equal([0, 0, 1, 1], r.Labels);
        Assert.Equal([0.5, 11.0], r.CentroidsDouble);
        Assert.Equal(2.5, r.Inertia, 12);
        Assert.Equal(2, r.Iterations);
    }

    /// <summary>Dataset (c), opt-in as the Lloyd check (RADNET_KM_C=1 or a path to make_km_c.py's output): labels and n_iter exact.</summary>
    [KmCDataFact]
    public void ElkanOnGeneratedDatasetCReproducesSklearn()
    {
        string dir = SharedData.Require(Folder);
        string? path = KmCDataFactAttribute.DataPath();
        float[] data = path is not null ? KMeansReferenceTests.ReadF32(path, out _, out _) : LegacyNumPyRandom.MakeKmC(out _);
        const string name = "km_c_n100000_d512_k50";
        float[] init = KMeansReferenceTests.ReadF32(Path.Combine(dir, name + ".init.f32"), out int k, out _);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".result.json"))).RootElement.GetProperty("elkan");
        byte[] raw = File.ReadAllBytes(Path.Combine(dir, name + ".elkan.labels.i32"));
        int[] labels = new int[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, labels, 0, raw.Length);
        var result = Elkan.Run(data, 100_000, 512, init, k, 300, 0, parallelism: 2);
        Assert.Equal(expected.GetProperty("n_iter").GetInt32(), result.Iterations);
        Assert.Equal(labels, result.Labels);
        double inertia = expected.GetProperty("inertia").GetDouble();
        Assert.True(Math.Abs(result.Inertia - inertia) <= 1e-12 * inertia, $"inertia {result.Inertia:R} vs {inertia:R}");
    }
}

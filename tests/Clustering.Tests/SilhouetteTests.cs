using System.Text.Json;

namespace RadiologyNet.Clustering.Tests;

/// <summary>Silhouette against scikit-learn 1.2.1 (../shared/reference/silhouette) and hand-computed values.</summary>
public class SilhouetteTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Folder = "reference/silhouette";

    [SharedDataTheory(Folder)]
    [InlineData("sil_n500_d2_k4_blobs")]
    [InlineData("sil_n2000_d64_k10_overlap")]
    [InlineData("sil_n1000_d16_k8_singletons")]
    [InlineData("sil_n2000_d32_k3_noisy_labels")]
    [InlineData("sil_n55_d8_duplicates")]
    public void MatchesSklearnTo1e9AndDirectTo1e12(string name)
    {
        string dir = SharedData.Require(Folder);
        float[] data = KMeansReferenceTests.ReadF32(Path.Combine(dir, name + ".f32"), out int n, out int d);
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".json"))).RootElement;
        int[] labels = [.. root.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32())];
        foreach (var (key, metric) in new[] { ("euclidean", SilhouetteMetric.Euclidean), ("manhattan", SilhouetteMetric.Manhattan) })
        {
            var expected = root.GetProperty(key);
            double sklearn = expected.GetProperty("sklearn_silhouette_score").GetDouble();
            double direct = expected.GetProperty("direct_silhouette_score").GetDouble();
            double[] samples = Silhouette.Samples(data, n, d, labels, metric, parallelism: 2);
            double score = Silhouette.Score(data, n, d, labels, metric);
            output.WriteLine($"{name} {key}: {score:R} vs sklearn {sklearn:R} (diff {Math.Abs(score - sklearn):E1}), direct diff {Math.Abs(score - direct):E1}");
            Assert.True(Math.Abs(score - sklearn) <= 1e-9, $"{key}: {score:R} vs {sklearn:R}");
            Assert.True(Math.Abs(score - direct) <= 1e-12, $"{key}: {score:R} vs direct {direct:R}");
            double[] expectedSamples = [.. expected.GetProperty("sklearn_silhouette_samples").EnumerateArray().Select(v => v.GetDouble())];
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(samples[i] - expectedSamples[i]) <= 1e-9, $"{key} sample {i}: {samples[i]:R} vs {expectedSamples[i]:R}");
        }
    }

    [Fact]
    public void HandComputedLineWithSingleton()
    {
        // 1-D points 0, 2 (label 7), 10 (label -1, singleton), 11, 13 (label 3).
        float[] x = [0, 2, 10, 11, 13];
        int[] labels = [7, 7, -1, 3, 3];
        double[] s = Silhouette.Samples(x, 5, 1, labels);
        // point 0: a = 2, b = min(10, (11 + 13)/2 = 12) = 10 -> 0.8
        Assert.Equal(0.8, s[0], 15);
        // point 1: a = 2, b = min(8, 10) = 8 -> 0.75
        Assert.Equal(0.75, s[1], 15);
        Assert.Equal(0.0, s[2]);
        // point 3: a = 2, b = min(1, 10) = 1 -> (1 - 2)/2 = -0.5
        Assert.Equal(-0.5, s[3], 15);
        // point 4: a = 2, b = 3 -> 1/3
        Assert.Equal(1.0 / 3, s[4], 15);
        Assert.Equal((0.8 + 0.75 + 0 - 0.5 + 1.0 / 3) / 5, Silhouette.Score(x, 5, 1, labels), 15);
        // Manhattan on 2-D: (0,0),(1,1) | (5,5),(5,6): point 0: a = 2, b = (10 + 11)/2 = 10.5
        double[] m = Silhouette.Samples([0, 0, 1, 1, 5, 5, 5, 6], 4, 2, [0, 0, 1, 1], SilhouetteMetric.Manhattan);
        Assert.Equal((10.5 - 2) / 10.5, m[0], 15);
    }

    [Fact]
    public void RejectsOneOrNLabelsAndSamplingIsDeterministic()
    {
        float[] x = [0, 1, 2, 3];
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, 4, 1, [1, 1, 1, 1]));
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, 4, 1, [0, 1, 2, 3]));
        var rng = new Random(1);
        int n = 400;
        float[] data = [.. Enumerable.Range(0, n * 2).Select(i => (float)(rng.NextDouble() + (i / 2 % 2) * 3))];
        int[] labels = [.. Enumerable.Range(0, n).Select(i => i % 2)];
        double a = Silhouette.SampledScore(data, n, 2, labels, 100, seed: 9);
        Assert.Equal(a, Silhouette.SampledScore(data, n, 2, labels, 100, seed: 9));
        double full = Silhouette.Score(data, n, 2, labels);
        Assert.True(Math.Abs(a - full) < 0.1, $"sampled {a} vs full {full}");
        Assert.Equal(full, Silhouette.SampledScore(data, n, 2, labels, n, seed: 1));
    }
}

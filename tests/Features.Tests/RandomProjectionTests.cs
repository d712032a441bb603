namespace RadiologyNet.Features.Tests;

public sealed class RandomProjectionTests
{
    private static float[][] RandomVectors(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
    }

    private static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += (a[i] - (double)b[i]) * (a[i] - (double)b[i]);
        return Math.Sqrt(s);
    }

    [Fact]
    public void Same_seed_same_projection_other_seed_another()
    {
        var x = RandomVectors(1, 300, 1)[0];
        Assert.Equal(new RandomProjection(300, 64, 42).Project(x), new RandomProjection(300, 64, 42).Project(x));
        Assert.NotEqual(new RandomProjection(300, 64, 42).Project(x), new RandomProjection(300, 64, 43).Project(x));
    }

    [Fact]
    public void Is_linear()
    {
        var p = new RandomProjection(50, 16, 7);
        var (a, b) = (RandomVectors(2, 50, 3)[0], RandomVectors(2, 50, 3)[1]);
        var sum = a.Zip(b, (u, v) => 2 * u + v).ToArray();
        var expected = p.Project(a).Zip(p.Project(b), (u, v) => 2 * u + v).ToArray();
        var actual = p.Project(sum);
        for (var i = 0; i < 16; i++) Assert.Equal(expected[i], actual[i], 4);
    }

    [Fact]
    public void Preserves_pairwise_distances_as_johnson_lindenstrauss_says()
    {
        // 1,044-d (the fused layout) to 256-d: for 40 points, every one of the 780 pair distances within ±35 % and their mean ratio within 5 %.
        var points = RandomVectors(40, 1044, 11);
        var p = new RandomProjection(1044, 256, 42);
        var projected = points.Select(x => p.Project(x)).ToArray();
        var ratios = new List<double>();
        for (var i = 0; i < points.Length; i++)
        for (var j = i + 1; j < points.Length; j++)
            ratios.Add(Distance(projected[i], projected[j]) / Distance(points[i], points[j]));
        Assert.InRange(ratios.Average(), 0.95, 1.05);
        Assert.All(ratios, r => Assert.InRange(r, 0.65, 1.35));
    }

    [Fact]
    public void Rejects_a_vector_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => new RandomProjection(10, 4, 1).Project(new float[9]));
    }
}

using RadiologyNet.Client.Review;

namespace RadiologyNet.Client.Tests.Review;

public sealed class PcaProjectionTests
{
    private const double Exact = 1e-9;

    [Fact]
    public void Axis_aligned_cloud_projects_onto_its_own_coordinates()
    {
        // Mean (1, 1, 1); variance 2 along x, 0.5 along y, 0 along z: the components are +x and +y exactly.
        float[] data = [3, 1, 1, -1, 1, 1, 1, 2, 1, 1, 0, 1];
        var pca = PcaProjection.Fit(data, 4, 3, seed: 7);

        Assert.Equal([1.0, 1.0, 1.0], pca.Mean);
        AssertClose([1, 0, 0], pca.First);
        AssertClose([0, 1, 0], pca.Second);
        Assert.Equal(2.0, pca.Variance1, Exact);
        Assert.Equal(0.5, pca.Variance2, Exact);
        Assert.Equal(2.5, pca.TotalVariance, Exact);
        var xy = pca.ProjectRows(data, 4);
        (double, double)[] expected = [(2, 0), (-2, 0), (0, 1), (0, -1)];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i].Item1, xy[i].X, Exact);
            Assert.Equal(expected[i].Item2, xy[i].Y, Exact);
        }
    }

    [Fact]
    public void Rotated_cloud_finds_the_diagonal_with_a_positive_sign()
    {
        // Points ±(2, 2) and ±(1, −1): the first component is (1, 1)/√2, the second (1, −1)/√2 (largest |coordinate|
        // positive, the first on a tie); coordinates ±2√2 and ±√2; variances 4 and 1.
        float[] data = [2, 2, -2, -2, 1, -1, -1, 1];
        var pca = PcaProjection.Fit(data, 4, 2, seed: 20261126);

        var r = 1 / Math.Sqrt(2);
        AssertClose([r, r], pca.First);
        AssertClose([r, -r], pca.Second);
        Assert.Equal(4.0, pca.Variance1, Exact);
        Assert.Equal(1.0, pca.Variance2, Exact);
        var (x, y) = pca.Project([2f, 2f]);
        Assert.Equal(2 * Math.Sqrt(2), x, Exact);
        Assert.Equal(0.0, y, Exact);
        (x, y) = pca.Project([-1f, 1f]);
        Assert.Equal(0.0, x, Exact);
        Assert.Equal(-Math.Sqrt(2), y, Exact);
    }

    [Fact]
    public void Same_seed_gives_identical_bits_and_other_seeds_the_same_map()
    {
        var data = Enumerable.Range(0, 40 * 5).Select(i => (float)Math.Sin(i * 0.7) * (1 + i % 5)).ToArray();
        var a = PcaProjection.Fit(data, 40, 5, seed: 1).ProjectRows(data, 40);
        var b = PcaProjection.Fit(data, 40, 5, seed: 1).ProjectRows(data, 40);
        var c = PcaProjection.Fit(data, 40, 5, seed: 99).ProjectRows(data, 40);
        Assert.Equal(a, b);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(a[i].X, c[i].X, 1e-6);
            Assert.Equal(a[i].Y, c[i].Y, 1e-6);
        }
    }

    [Fact]
    public void Data_without_variance_maps_every_point_to_the_origin()
    {
        float[] data = [5, 5, 5, 5, 5, 5];
        var pca = PcaProjection.Fit(data, 3, 2, seed: 3);
        Assert.All(pca.ProjectRows(data, 3), p => Assert.Equal((0.0, 0.0), p));
        Assert.Equal(0.0, pca.TotalVariance);
    }

    [Fact]
    public void One_dimensional_spread_has_a_zero_second_component()
    {
        float[] data = [0, 0, 1, 0, 2, 0, 3, 0];
        var pca = PcaProjection.Fit(data, 4, 2, seed: 5);
        AssertClose([1, 0], pca.First);
        Assert.Equal([0.0, 0.0], pca.Second);
        Assert.Equal(-1.5, pca.Project([0f, 0f]).X, Exact);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], Exact);
    }
}

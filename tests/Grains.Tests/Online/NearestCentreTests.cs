using RadiologyNet.Grains.Online;

namespace RadiologyNet.Grains.Tests.Online;

public sealed class NearestCentreTests
{
    // Centres (0,0), (3,4), (1,1); the point (2,2).
    private static readonly float[] Centres = [0, 0, 3, 4, 1, 1];

    [Fact]
    public void Euclidean_gives_the_nearest_centre_and_the_norm_of_the_difference()
    {
        var cluster = NearestCentre.Find([2, 2], Centres, 3, CentreMetric.Euclidean, out var distance);
        Assert.Equal(2, cluster);
        Assert.Equal(MathF.Sqrt(2), distance, 6);
    }

    [Fact]
    public void Manhattan_gives_the_nearest_centre_under_L1()
    {
        // L1 distances: 4, 3, 2.
        var cluster = NearestCentre.Find([2, 2], Centres, 3, CentreMetric.Manhattan, out var distance);
        Assert.Equal(2, cluster);
        Assert.Equal(2f, distance);
    }

    [Fact]
    public void The_metric_decides_when_the_two_disagree()
    {
        // From (0,0): (2,2) is √8 ≈ 2.83 away in L2 but 4 in L1; (3,0) is 3 in both.
        float[] centres = [2, 2, 3, 0];
        Assert.Equal(0, NearestCentre.Find([0, 0], centres, 2, CentreMetric.Euclidean, out var euclidean));
        Assert.Equal(MathF.Sqrt(8), euclidean, 6);
        Assert.Equal(1, NearestCentre.Find([0, 0], centres, 2, CentreMetric.Manhattan, out var manhattan));
        Assert.Equal(3f, manhattan);
    }

    [Fact]
    public void A_tie_goes_to_the_lower_cluster_id()
    {
        // From (2,0): (0,0) and (1,1) are both 2 away in L1; in L2 (1,1) is nearer (√2).
        float[] centres = [0, 0, 1, 1];
        Assert.Equal(0, NearestCentre.Find([2, 0], centres, 2, CentreMetric.Manhattan, out var tie));
        Assert.Equal(2f, tie);
        Assert.Equal(1, NearestCentre.Find([2, 0], centres, 2, CentreMetric.Euclidean, out _));
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => NearestCentre.Find([1, 2, 3], Centres, 3, CentreMetric.Euclidean, out _));
        Assert.Contains("3 values", e.Message);
    }
}

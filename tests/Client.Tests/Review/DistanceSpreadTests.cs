using RadiologyNet.Client.Review;

namespace RadiologyNet.Client.Tests.Review;

public sealed class DistanceSpreadTests
{
    [Fact]
    public void Quantile_picks_are_evenly_spaced_nearest_to_furthest()
    {
        Assert.Equal([(0, 0.0), (3, 1 / 3.0), (6, 2 / 3.0), (9, 1.0)], DistanceSpread.QuantilePicks(10, 4));
        // 11 members, 8 picks: round(q × 10) for q = i/7 → 0, 1.43, 2.86, 4.29, 5.71, 7.14, 8.57, 10.
        Assert.Equal([0, 1, 3, 4, 6, 7, 9, 10], DistanceSpread.QuantilePicks(11, 8).Select(p => p.Index));
    }

    [Fact]
    public void Fewer_members_than_picks_gives_each_member_once()
    {
        Assert.Equal([(0, 0.0), (1, 2 / 7.0), (2, 6 / 7.0)], DistanceSpread.QuantilePicks(3, 8));
        Assert.Equal([(0, 0.0)], DistanceSpread.QuantilePicks(1, 8));
        Assert.Empty(DistanceSpread.QuantilePicks(0, 8));
        Assert.Equal([(0, 0.0)], DistanceSpread.QuantilePicks(5, 1));
    }

    [Fact]
    public void Histogram_has_equal_bins_and_puts_the_maximum_in_the_last()
    {
        var bins = DistanceSpread.Histogram([0, 0.5, 1, 1.5, 2, 4], 4);
        Assert.Equal([new HistogramBin(0, 1, 2), new HistogramBin(1, 2, 2), new HistogramBin(2, 3, 1), new HistogramBin(3, 4, 1)], bins);
        Assert.Equal([new HistogramBin(2, 2, 3)], DistanceSpread.Histogram([2, 2, 2], 5));
        Assert.Empty(DistanceSpread.Histogram([], 5));
    }
}

using RadiologyNet.Clustering;

namespace RadiologyNet.Clustering.Tests;

public sealed class NeighbourSearchTests
{
    // Three centres on a line at x = 0, 3, 10 (d = 2).
    private static readonly float[] Centres = [0, 0, 3, 0, 10, 0];

    [Fact]
    public void TwoNearest_euclidean_gives_the_assignment_the_runner_up_and_their_distances()
    {
        var r = TwoNearest.Euclidean([2, 0], Centres, 3);
        Assert.Equal(new TwoNearest.Result(1, 1f, 0, 2f), r);
        var far = TwoNearest.Euclidean([9, 0], Centres, 3);
        Assert.Equal(new TwoNearest.Result(2, 1f, 1, 6f), far);
    }

    [Fact]
    public void TwoNearest_manhattan_sums_absolute_differences_and_breaks_ties_to_the_lower_index()
    {
        var r = TwoNearest.Manhattan([1.5f, 4], Centres, 3);
        Assert.Equal(new TwoNearest.Result(0, 5.5f, 1, 5.5f), r);
    }

    [Fact]
    public void TwoNearest_with_one_centre_has_no_runner_up()
    {
        var r = TwoNearest.Euclidean([3, 4], [0, 0], 1);
        Assert.Equal(new TwoNearest.Result(0, 5f, -1, float.PositiveInfinity), r);
    }

    [Fact]
    public void NearestRows_returns_the_k_nearest_in_order_skipping_and_breaking_ties_by_key()
    {
        // Rows at x = 0, 1, 1, 5, -2 ; query at 0.
        float[] data = [0, 0, 1, 0, 1, 0, 5, 0, -2, 0];
        string[] keys = ["q", "b", "a", "c", "d"];
        var hits = NearestRows.Find([0, 0], data, 5, 3, manhattan: false, i => keys[i], i => i == 0);
        Assert.Equal([new NearestRows.Hit(2, 1f), new NearestRows.Hit(1, 1f), new NearestRows.Hit(4, 2f)], hits);
    }

    [Fact]
    public void NearestRows_with_more_wanted_than_rows_returns_every_row()
    {
        float[] data = [3, 4, 0, 1];
        var hits = NearestRows.Find([0, 0], data, 2, 10, manhattan: true, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([new NearestRows.Hit(1, 1f), new NearestRows.Hit(0, 7f)], hits);
    }
}

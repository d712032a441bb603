namespace RadiologyNet.Clustering.Tests;

/// <summary>Lloyd from per-cluster partial sums of split data reaches what <see cref="Lloyd"/> reaches on all of it, and the costs from partials are exact.</summary>
public class PartialLloydTests
{
    private static float[] Blobs(int n, int d, int centres, int seed)
    {
        var random = new Random(seed);
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++)
                data[i * d + f] = (float)(random.NextDouble() + (i % centres == f % centres ? 2.5 : 0));
        return data;
    }

    /// <summary>The totals of a pass over rows [from, to): each row on its nearest centre.</summary>
    private static PartialTotals Pass(float[] data, int from, int to, int d, float[] centres, int k)
    {
        var totals = new PartialTotals(new long[k], new double[k * d], new double[k]);
        for (var i = from; i < to; i++)
        {
            var row = data.AsSpan(i * d, d);
            var j = NearestCentroid.Nearest(row, centres, k, out _);
            totals.Counts[j]++;
            for (var f = 0; f < d; f++)
            {
                totals.Sums[j * d + f] += row[f];
                totals.SquaredNorms[j] += (double)row[f] * row[f];
            }
        }
        return totals;
    }

    private static PartialTotals Add(PartialTotals a, PartialTotals b) => new(a.Counts.Zip(b.Counts, (x, y) => x + y).ToArray(),
        a.Sums.Zip(b.Sums, (x, y) => x + y).ToArray(), a.SquaredNorms.Zip(b.SquaredNorms, (x, y) => x + y).ToArray());

    [Fact]
    public async Task Iterations_over_two_halves_reach_the_centres_and_cost_of_Lloyd_on_the_whole()
    {
        const int n = 600, d = 12, k = 4;
        var data = Blobs(n, d, k, seed: 3);
        var init = KMeansPlusPlus.Initialize(data, n, d, k, seed: 11);
        var whole = Lloyd.Run(data, n, d, init, k);

        var split = await PartialLloyd.RunAsync(init, k, d, centres => Task.FromResult(Add(Pass(data, 0, 250, d, centres, k), Pass(data, 250, n, d, centres, k))));

        Assert.True(split.Converged);
        for (var v = 0; v < k * d; v++) Assert.Equal(whole.Centroids[v], split.Centres[v], 1e-4);
        Assert.Equal(whole.Inertia, split.KMeansCost, whole.Inertia * 1e-6);
    }

    [Fact]
    public void Costs_and_variance_from_partials_equal_the_direct_sums()
    {
        const int n = 200, d = 7, k = 3;
        var data = Blobs(n, d, k, seed: 5);
        var centres = KMeansPlusPlus.Initialize(data, n, d, k, seed: 2);
        var totals = Pass(data, 0, n, d, centres, k);

        var labels = Enumerable.Range(0, n).Select(i => NearestCentroid.Nearest(data.AsSpan(i * d, d), centres, k, out _)).ToArray();
        double inertia = 0, cost = 0;
        for (var i = 0; i < n; i++)
        {
            var mean = Enumerable.Range(0, d).Select(f => totals.Sums[labels[i] * d + f] / totals.Counts[labels[i]]).ToArray();
            for (var f = 0; f < d; f++)
            {
                var x = (double)data[i * d + f];
                inertia += (x - centres[labels[i] * d + f]) * (x - centres[labels[i] * d + f]);
                cost += (x - mean[f]) * (x - mean[f]);
            }
        }
        var variance = Enumerable.Range(0, d).Select(f =>
        {
            var column = Enumerable.Range(0, n).Select(i => (double)data[i * d + f]).ToArray();
            var m = column.Average();
            return column.Sum(x => (x - m) * (x - m)) / n;
        }).Average();

        Assert.Equal(inertia, PartialSums.Inertia(centres, totals.Sums, totals.Counts, totals.SquaredNorms, k, d), inertia * 1e-9);
        Assert.Equal(cost, PartialSums.KMeansCost(totals.Sums, totals.Counts, totals.SquaredNorms, k, d), cost * 1e-9);
        Assert.Equal(variance, PartialSums.MeanVariance(totals.Sums, totals.Counts, totals.SquaredNorms, k, d), variance * 1e-9);
    }

    [Fact]
    public void An_empty_cluster_keeps_its_centre()
    {
        float[] centres = [1, 1, 9, 9];
        var shift = PartialSums.Update(centres, [4, 6, 0, 0], [2, 0], k: 2, d: 2);
        Assert.Equal([2f, 3f, 9f, 9f], centres);
        Assert.Equal(1 + 4, shift, 1e-12);
    }
}

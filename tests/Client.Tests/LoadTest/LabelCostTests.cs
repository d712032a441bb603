using RadiologyNet.Client.LoadTest;

namespace RadiologyNet.Client.Tests.LoadTest;

public sealed class LabelCostTests
{
    [Fact]
    public void The_streamed_cost_equals_the_sum_of_squared_distances_to_each_label_mean()
    {
        var random = new Random(3);
        const int n = 200, d = 5, k = 4;
        var x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? -1 : random.Next(k)).ToArray();
        var cost = new LabelCost(k, d);
        for (var i = 0; i < n; i++) cost.Add(x[i], labels[i]);

        double expected = 0;
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => labels[i] == c).Select(i => x[i]).ToList();
            var mean = Enumerable.Range(0, d).Select(j => members.Average(m => (double)m[j])).ToArray();
            expected += members.Sum(m => m.Select((v, j) => (v - mean[j]) * (v - mean[j])).Sum());
        }
        Assert.Equal(expected, cost.Cost(), 6);
        Assert.Equal(labels.Count(l => l >= 0), cost.Count);
    }
}

using RadiologyNet.Grains.Shards;

namespace RadiologyNet.Grains.Tests.Shards;

/// <summary>A shard pass streamed in blocks adds up exactly what a direct computation over the rows gives, and totals of parts combine into the whole's.</summary>
public sealed class ShardPassTests
{
    private static readonly FeaturisedInstance[] Rows = Enumerable.Range(0, 10).Select(i => new FeaturisedInstance(
        $"2.25.{i}", "2.25", Enumerable.Range(0, 6).Select(f => (float)((i % 2) * 4 + f * 0.5 + i * 0.1)).ToArray(), i % 3 == 0 ? "CT" : "MR", "HEAD")).ToArray();

    private static readonly float[] Centres = [.. Rows[0].Fused, .. Rows[1].Fused];

    private static IAsyncEnumerable<ShardBlock> Blocks(params int[] sizes) => BlockList(sizes).ToAsyncEnumerable();

    private static IEnumerable<ShardBlock> BlockList(int[] sizes)
    {
        var first = 0;
        foreach (var size in sizes)
        {
            yield return ShardBlock.Of(Rows[first..(first + size)], first);
            first += size;
        }
    }

    [Fact]
    public async Task Totals_over_blocks_equal_the_direct_sums_and_combine_over_parts()
    {
        var request = new PassRequest(Centres, 2, CentreMetric.Euclidean);
        var placed = new List<(long Row, int Cluster, float Distance)>();
        var whole = await ShardPass.RunAsync(Blocks(4, 6), request, (block, index, cluster, distance) => placed.Add((block.FirstRow + index, cluster, distance)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), placed.Select(p => p.Row));
        for (var j = 0; j < 2; j++)
        {
            var members = placed.Where(p => p.Cluster == j).Select(p => Rows[p.Row]).ToList();
            Assert.Equal(members.Count, whole.Counts[j]);
            Assert.Equal(members.Sum(m => Math.Sqrt(m.Fused.Zip(Rows[j].Fused, (a, b) => (double)(a - b) * (a - b)).Sum())), whole.Costs[j], 1e-4);
            Assert.Equal(members.Sum(m => m.Fused.Sum(v => (double)v * v)), whole.SquaredNorms[j], 1e-6);
            for (var f = 0; f < 6; f++) Assert.Equal(members.Sum(m => (double)m.Fused[f]), whole.Sums[j * 6 + f], 1e-9);
            Assert.Equal(members.GroupBy(m => m.Modality).ToDictionary(g => g.Key, g => (long)g.Count()), whole.Modalities[j]);
        }
        // Odd rows sit 4 apart from even ones in every value: the two centres split them.
        Assert.All(placed, p => Assert.Equal((int)(p.Row % 2), p.Cluster));

        var parts = PassTotals.Combine(await ShardPass.RunAsync(Blocks(3), request), await ShardPass.RunAsync(Blocks(3, 7).Skip(1), request));
        Assert.Equal(whole.Counts, parts.Counts);
        Assert.Equal(whole.Sums, parts.Sums);
        Assert.Equal(whole.Modalities.Select(h => h.OrderBy(x => x.Key)), parts.Modalities.Select(h => h.OrderBy(x => x.Key)));
    }

    [Fact]
    public async Task A_source_slice_is_placed_L2_normalised()
    {
        var slice = new SourceSlice("metadata", 2, 3);
        var centres = new float[] { 1, 0, 0, 0, 0, 1 };
        var totals = await ShardPass.RunAsync(Blocks(10), new PassRequest(centres, 2, CentreMetric.Euclidean, slice));

        Assert.Equal(10, totals.Members);
        Assert.Equal(10, totals.SquaredNorms.Sum(), 1e-5); // every slice has norm 1
        await Assert.ThrowsAsync<ArgumentException>(() => ShardPass.RunAsync(Blocks(10), new PassRequest(centres, 2, CentreMetric.Euclidean, new SourceSlice("x", 4, 3))));
    }
}

using RadiologyNet.Clustering;
using RadiologyNet.Features;

namespace RadiologyNet.Grains.Shards;

/// <summary>Told of each row a pass placed: its block and index there (its shard row is <c>block.FirstRow + index</c>), nearest cluster and distance (the Euclidean norm or Manhattan).</summary>
public delegate void RowPlaced(ShardBlock block, int index, int cluster, float distance);

/// <summary>
/// A pass over a shard's rows, block by block (<see cref="ShardBlock"/>; never the whole shard at once): places every
/// row's vector, or its L2-normalised source slice, on its nearest centre and adds it to the per-cluster
/// <see cref="PassTotals"/>. Euclidean placement uses the blocked kernel (<see cref="NearestCentroid.Assign"/>), and the
/// distance to the chosen centre by direct differences; Manhattan <see cref="ManhattanNearest"/>.
/// </summary>
public static class ShardPass
{
    /// <summary>
    /// Runs the pass over <paramref name="blocks"/> as they arrive (a shard's <see cref="ShardRowStore.ScanAsync"/>);
    /// <paramref name="placed"/>, when given, is told of every row.
    /// </summary>
    public static async Task<PassTotals> RunAsync(IAsyncEnumerable<ShardBlock> blocks, PassRequest request, RowPlaced? placed = null)
    {
        var (k, d) = (request.Clusters, request.Dimension);
        var totals = PassTotals.Empty(k, d);
        if (k == 0) return totals;
        var labels = Array.Empty<int>();
        var distances = Array.Empty<float>();
        var vectors = Array.Empty<float>();
        await foreach (var block in blocks)
        {
            if (block.Rows == 0) continue;
            if (labels.Length < block.Rows) (labels, distances) = (new int[block.Rows], new float[block.Rows]);
            var rows = Rows(block, request.Slice, d, ref vectors);
            Place(rows, block.Rows, d, request, labels, distances);
            Accumulate(totals, block, rows, d, labels, distances, placed);
        }
        return totals;
    }

    private static void Accumulate(PassTotals totals, ShardBlock block, ReadOnlyMemory<float> rows, int d, int[] labels, float[] distances, RowPlaced? placed)
    {
        for (var r = 0; r < block.Rows; r++)
        {
            var j = labels[r];
            var row = rows.Span.Slice(r * d, d);
            totals.Counts[j]++;
            totals.Costs[j] += distances[r];
            MacQueen.Accumulate(totals.Sums.AsSpan(j * d, d), row);
            totals.SquaredNorms[j] += SquaredNorm(row);
            Count(totals.Modalities[j], block.Modalities[r]);
            Count(totals.Regions[j], block.Regions[r]);
            placed?.Invoke(block, r, j, distances[r]);
        }
    }

    /// <summary>The block's vectors, or their slices L2-normalised into <paramref name="buffer"/>.</summary>
    private static ReadOnlyMemory<float> Rows(ShardBlock block, SourceSlice? slice, int d, ref float[] buffer)
    {
        if (slice is null)
        {
            if (block.Dimension != d) throw new ArgumentException($"centres of {d} values cannot place a shard of {block.Dimension}-value vectors");
            return block.Vectors[..(block.Rows * d)];
        }
        if (slice.Length != d || slice.Offset < 0 || slice.Offset + slice.Length > block.Dimension)
            throw new ArgumentException($"a slice of {slice.Length} values at {slice.Offset} does not fit {d}-value centres and {block.Dimension}-value vectors");
        if (buffer.Length < block.Rows * d) buffer = new float[block.Rows * d];
        for (var r = 0; r < block.Rows; r++)
        {
            var target = buffer.AsSpan(r * d, d);
            block.Vector(r).Slice(slice.Offset, d).CopyTo(target);
            FeatureFusion.L2Normalize(target);
        }
        return buffer.AsMemory(0, block.Rows * d);
    }

    private static void Place(ReadOnlyMemory<float> rows, int n, int d, PassRequest request, int[] labels, float[] distances)
    {
        var span = rows.Span;
        if (request.Metric == CentreMetric.Manhattan)
        {
            for (var r = 0; r < n; r++) labels[r] = ManhattanNearest.Nearest(span.Slice(r * d, d), request.Centres, request.Clusters, out distances[r]);
            return;
        }
        NearestCentroid.Assign(span, n, d, request.Centres, request.Clusters, labels, distances);
        // The kernel's expanded ‖x‖² − 2x·c + ‖c‖² loses precision at small distances: the distance is taken directly.
        for (var r = 0; r < n; r++) distances[r] = Distances.Euclidean(span.Slice(r * d, d), request.Centres.AsSpan(labels[r] * d, d));
    }

    private static double SquaredNorm(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (var v in row) sum += (double)v * v;
        return sum;
    }

    private static void Count(Dictionary<string, long> histogram, string label) => histogram[label] = histogram.GetValueOrDefault(label) + 1;
}

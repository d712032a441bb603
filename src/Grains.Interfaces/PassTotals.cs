namespace RadiologyNet.Grains;

/// <summary>
/// What a pass over one or more shards adds up per cluster, each row on its nearest centre: members, the sum of the
/// distances (the cost under the pass's metric), the vector sums (k×d, double), the sums of the squared L2 norms (so the
/// k-means cost Σ‖x − mean‖² = Σ‖x‖² − ‖S‖²/n follows from the totals) and the modality and region histograms; and, for a
/// labelling pass, how many rows an earlier pass had labelled with another cluster. O(k·d + k·labels) whatever the shards hold; totals of disjoint rows
/// <see cref="Combine"/> into the totals of their union.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.PassTotals")]
public sealed record PassTotals(
    [property: Id(0)] int Clusters,
    [property: Id(1)] int Dimension,
    [property: Id(2)] long[] Counts,
    [property: Id(3)] double[] Costs,
    [property: Id(4)] double[] Sums,
    [property: Id(5)] double[] SquaredNorms,
    [property: Id(6)] Dictionary<string, long>[] Modalities,
    [property: Id(7)] Dictionary<string, long>[] Regions,
    [property: Id(8)] long Changed)
{
    /// <summary>Rows counted.</summary>
    public long Members => Counts.Sum();

    /// <summary>Sum of the distances of every row to its centre under the pass's metric.</summary>
    public double Cost => Costs.Sum();

    /// <summary>Totals of no rows.</summary>
    public static PassTotals Empty(int clusters, int dimension) => new(clusters, dimension, new long[clusters], new double[clusters],
        new double[clusters * dimension], new double[clusters], NewHistograms(clusters), NewHistograms(clusters), 0);

    /// <summary>The totals of the union of the (disjoint) rows of both.</summary>
    public static PassTotals Combine(PassTotals a, PassTotals b)
    {
        if (a.Clusters != b.Clusters || a.Dimension != b.Dimension)
            throw new ArgumentException($"totals of {a.Clusters}×{a.Dimension} cannot combine with {b.Clusters}×{b.Dimension}");
        return new PassTotals(a.Clusters, a.Dimension, Add(a.Counts, b.Counts), Add(a.Costs, b.Costs), Add(a.Sums, b.Sums),
            Add(a.SquaredNorms, b.SquaredNorms), Merge(a.Modalities, b.Modalities), Merge(a.Regions, b.Regions), a.Changed + b.Changed);
    }

    /// <summary>One empty histogram per cluster.</summary>
    public static Dictionary<string, long>[] NewHistograms(int clusters) =>
        Enumerable.Range(0, clusters).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();

    private static long[] Add(long[] a, long[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private static Dictionary<string, long>[] Merge(Dictionary<string, long>[] a, Dictionary<string, long>[] b) =>
        a.Zip(b, (x, y) =>
        {
            var merged = new Dictionary<string, long>(x, StringComparer.Ordinal);
            foreach (var (label, count) in y) merged[label] = merged.GetValueOrDefault(label) + count;
            return merged;
        }).ToArray();
}

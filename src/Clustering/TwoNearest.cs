namespace RadiologyNet.Clustering;

/// <summary>
/// The nearest and the second-nearest of k centres to a point: the assignment, the runner-up, and the margin
/// between them (how confidently a point belongs to its cluster; cf. the simplified silhouette,
/// Hruschka et al., "Evolutionary algorithms for clustering gene-expression data", ICDM 2004).
/// </summary>
public static class TwoNearest
{
    /// <summary>The two nearest centres and their distances; the runner-up is -1 with infinite distance when k = 1.</summary>
    public readonly record struct Result(int Nearest, float Distance, int RunnerUp, float RunnerUpDistance);

    /// <summary>Under the Euclidean distance (not squared); ties go to the lower index.</summary>
    public static Result Euclidean(ReadOnlySpan<float> point, ReadOnlySpan<float> centres, int k) => Find(point, centres, k, manhattan: false);

    /// <summary>Under the Manhattan (L1) distance; ties go to the lower index.</summary>
    public static Result Manhattan(ReadOnlySpan<float> point, ReadOnlySpan<float> centres, int k) => Find(point, centres, k, manhattan: true);

    private static Result Find(ReadOnlySpan<float> point, ReadOnlySpan<float> centres, int k, bool manhattan)
    {
        var d = point.Length;
        if (k < 1) throw new ArgumentException("at least one centre is needed");
        if (centres.Length != k * d) throw new ArgumentException($"centres hold {centres.Length} values, not {k}×{d}");
        int best = -1, second = -1;
        float bestDistance = float.PositiveInfinity, secondDistance = float.PositiveInfinity;
        for (var j = 0; j < k; j++)
        {
            var centre = centres.Slice(j * d, d);
            var distance = manhattan ? Distances.Manhattan(point, centre) : Distances.Euclidean(point, centre);
            if (distance < bestDistance)
            {
                (second, secondDistance) = (best, bestDistance);
                (best, bestDistance) = (j, distance);
            }
            else if (distance < secondDistance)
            {
                (second, secondDistance) = (j, distance);
            }
        }
        return new Result(best, bestDistance, second, secondDistance);
    }
}

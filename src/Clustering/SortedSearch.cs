namespace RadiologyNet.Clustering;

/// <summary>Binary search over ascending arrays (used to sample from cumulative weights).</summary>
internal static class SortedSearch
{
    /// <summary>The first index whose value is not less than <paramref name="value"/> (the length when none is).</summary>
    public static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

namespace RadiologyNet.Clustering;

/// <summary>Nearest centre under the Manhattan (L1) distance, the metric of the paper's k-medoids.</summary>
public static class ManhattanNearest
{
    /// <summary>Index of the nearest of k centres (k×d row-major) to a point, and that distance; ties go to the lower index.</summary>
    public static int Nearest(ReadOnlySpan<float> point, ReadOnlySpan<float> centres, int k, out float distance)
    {
        var d = point.Length;
        if (centres.Length != k * d) throw new ArgumentException($"centres hold {centres.Length} values, not {k}×{d}");
        var best = -1;
        distance = float.PositiveInfinity;
        for (var j = 0; j < k; j++)
        {
            var dist = Distances.Manhattan(point, centres.Slice(j * d, d));
            if (dist < distance)
            {
                distance = dist;
                best = j;
            }
        }
        return best;
    }
}

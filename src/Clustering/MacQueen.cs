namespace RadiologyNet.Clustering;

/// <summary>
/// Online k-means centroid updates: MacQueen (1967), "Some methods for classification and analysis of
/// multivariate observations", Proc. 5th Berkeley Symposium 1:281–297. Each centroid is the running mean of the
/// points it absorbed. Arithmetic per element is in double and rounded once to float.
/// </summary>
public static class MacQueen
{
    /// <summary>One point: c ← c + (x − c) / (count + 1); count ← count + 1.</summary>
    public static void Update(Span<float> centroid, ref long count, ReadOnlySpan<float> point)
    {
        CheckLengths(centroid.Length, point.Length, nameof(point));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        double m = count + 1;
        for (int i = 0; i < centroid.Length; i++)
        {
            double c = centroid[i];
            centroid[i] = (float)(c + (point[i] - c) / m);
        }
        count++;
    }

    /// <summary>
    /// A batch of <paramref name="pointCount"/> points given by their sum: c ← (c·count + sum) / (count + pointCount);
    /// count ← count + pointCount. Nothing changes when pointCount is 0.
    /// </summary>
    public static void Absorb(Span<float> centroid, ref long count, ReadOnlySpan<float> pointSum, long pointCount)
    {
        var sum = new double[pointSum.Length];
        for (var i = 0; i < sum.Length; i++) sum[i] = pointSum[i];
        Absorb(centroid, ref count, sum, pointCount);
    }

    /// <summary>As <see cref="Absorb(Span{float}, ref long, ReadOnlySpan{float}, long)"/> with a sum accumulated in double.</summary>
    public static void Absorb(Span<float> centroid, ref long count, ReadOnlySpan<double> pointSum, long pointCount)
    {
        CheckLengths(centroid.Length, pointSum.Length, nameof(pointSum));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(pointCount);
        if (pointCount == 0) return;
        double total = (double)count + pointCount;
        for (int i = 0; i < centroid.Length; i++)
            centroid[i] = (float)(((double)centroid[i] * count + pointSum[i]) / total);
        count += pointCount;
    }

    /// <summary>Adds <paramref name="point"/> into a double accumulator (for building a batch sum).</summary>
    public static void Accumulate(Span<double> sum, ReadOnlySpan<float> point)
    {
        CheckLengths(sum.Length, point.Length, nameof(point));
        for (int i = 0; i < sum.Length; i++) sum[i] += point[i];
    }

    private static void CheckLengths(int centroid, int other, string name)
    {
        if (centroid != other)
            throw new ArgumentException($"Length {other} does not match the centroid's {centroid}.", name);
    }
}

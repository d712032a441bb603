namespace RadiologyNet.Clustering;

/// <summary>
/// k-means from per-cluster partial sums, as a distributed pass produces them: for each cluster j its member count n_j,
/// vector sum S_j (d values) and sum of squared norms Q_j = Σ‖x‖². Lloyd's update step (the new centre is S_j / n_j),
/// sklearn's relative tolerance, the k-means cost and the inertia all follow from these O(k·d) totals, so the rows
/// never need to meet in one place.
/// </summary>
public static class PartialSums
{
    /// <summary>
    /// Lloyd's update: centre j becomes S_j / n_j; a cluster with no members keeps its centre. Returns the total squared
    /// shift Σ‖c_new − c_old‖², which Lloyd compares with the tolerance.
    /// </summary>
    public static double Update(Span<float> centres, ReadOnlySpan<double> sums, ReadOnlySpan<long> counts, int k, int d)
    {
        Check(sums, counts, k, d);
        if (centres.Length != k * d) throw new ArgumentException($"centres hold {centres.Length} values, not {k}×{d}");
        double shift = 0;
        for (var j = 0; j < k; j++)
        {
            if (counts[j] == 0) continue;
            for (var f = 0; f < d; f++)
            {
                var mean = (float)(sums[j * d + f] / counts[j]);
                var delta = (double)mean - centres[j * d + f];
                shift += delta * delta;
                centres[j * d + f] = mean;
            }
        }
        return shift;
    }

    /// <summary>
    /// The mean over features of the per-feature (population) variance of all rows: (ΣQ / n − ‖ΣS / n‖²) / d, the scale
    /// of sklearn's relative tolerance (<c>tol · mean(var(X, axis=0))</c>).
    /// </summary>
    public static double MeanVariance(ReadOnlySpan<double> sums, ReadOnlySpan<long> counts, ReadOnlySpan<double> squaredNorms, int k, int d)
    {
        Check(sums, counts, k, d);
        long n = 0;
        double q = 0;
        var total = new double[d];
        for (var j = 0; j < k; j++)
        {
            n += counts[j];
            q += squaredNorms[j];
            for (var f = 0; f < d; f++) total[f] += sums[j * d + f];
        }
        if (n == 0) return 0;
        double meanNorm = 0;
        foreach (var t in total) meanNorm += (t / n) * (t / n);
        return Math.Max(0, (q / n - meanNorm) / d);
    }

    /// <summary>The k-means cost Σ_j Σ_{x∈j} ‖x − S_j/n_j‖² = Σ_j (Q_j − ‖S_j‖² / n_j).</summary>
    public static double KMeansCost(ReadOnlySpan<double> sums, ReadOnlySpan<long> counts, ReadOnlySpan<double> squaredNorms, int k, int d)
    {
        Check(sums, counts, k, d);
        double cost = 0;
        for (var j = 0; j < k; j++)
        {
            if (counts[j] == 0) continue;
            double norm = 0;
            for (var f = 0; f < d; f++) norm += sums[j * d + f] * sums[j * d + f];
            cost += squaredNorms[j] - norm / counts[j];
        }
        return Math.Max(0, cost);
    }

    /// <summary>The inertia to given centres c_j: Σ_j (Q_j − 2 c_j·S_j + n_j ‖c_j‖²).</summary>
    public static double Inertia(ReadOnlySpan<float> centres, ReadOnlySpan<double> sums, ReadOnlySpan<long> counts, ReadOnlySpan<double> squaredNorms, int k, int d)
    {
        Check(sums, counts, k, d);
        double inertia = 0;
        for (var j = 0; j < k; j++)
        {
            double dot = 0, norm = 0;
            for (var f = 0; f < d; f++)
            {
                double c = centres[j * d + f];
                dot += c * sums[j * d + f];
                norm += c * c;
            }
            inertia += squaredNorms[j] - 2 * dot + counts[j] * norm;
        }
        return Math.Max(0, inertia);
    }

    private static void Check(ReadOnlySpan<double> sums, ReadOnlySpan<long> counts, int k, int d)
    {
        if (counts.Length != k || sums.Length != k * d)
            throw new ArgumentException($"partial sums of {counts.Length} counts and {sums.Length} values are not {k} clusters of {d}");
    }
}

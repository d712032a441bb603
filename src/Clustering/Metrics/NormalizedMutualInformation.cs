namespace RadiologyNet.Clustering;

/// <summary>How two entropies are averaged to normalise mutual information (Vinh, Epps &amp; Bailey 2010).</summary>
public enum EntropyAverage
{
    Arithmetic,
    Geometric,
    Min,
    Max,
}

/// <summary>
/// Normalised mutual information MI / avg(H(true), H(pred)) with the four averages of Vinh, Epps &amp; Bailey
/// (2010), "Information theoretic measures for clusterings comparison: variants, properties, normalization
/// and correction for chance", JMLR 11:2837–2854. Conventions of scikit-learn 1.2.1's
/// <c>normalized_mutual_info_score</c>: 1.0 when both labelings have exactly one distinct label, else 0.0
/// when MI is 0.
/// </summary>
public static class NormalizedMutualInformation
{
    public static double Score(ContingencyTable table, EntropyAverage average = EntropyAverage.Arithmetic)
    {
        ArgumentNullException.ThrowIfNull(table);
        double mi = MutualInformation.Score(table);
        return FromParts(table, mi, MutualInformation.Entropy(table.RowSums), MutualInformation.Entropy(table.ColumnSums), average);
    }

    internal static double FromParts(ContingencyTable table, double mi, double hTrue, double hPred, EntropyAverage average)
    {
        if ((table.Rows == 1 && table.Columns == 1) || (table.Rows == 0 && table.Columns == 0)) return 1.0;
        if (mi == 0.0) return 0.0;
        return mi / Average(hTrue, hPred, average);
    }

    /// <summary>scikit-learn's <c>_generalized_average</c>.</summary>
    internal static double Average(double u, double v, EntropyAverage average) => average switch
    {
        EntropyAverage.Arithmetic => (u + v) / 2,
        EntropyAverage.Geometric => Math.Sqrt(u * v),
        EntropyAverage.Min => Math.Min(u, v),
        EntropyAverage.Max => Math.Max(u, v),
        _ => throw new ArgumentOutOfRangeException(nameof(average)),
    };

    public static double Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred, EntropyAverage average = EntropyAverage.Arithmetic)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred), average);
}

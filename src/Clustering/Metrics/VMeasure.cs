namespace RadiologyNet.Clustering;

/// <summary>
/// Homogeneity, completeness and V-measure: Rosenberg &amp; Hirschberg (2007), "V-Measure: A conditional
/// entropy-based external cluster evaluation measure", EMNLP-CoNLL. Computed as scikit-learn 1.2.1's
/// <c>homogeneity_completeness_v_measure</c>: h = MI / H(true) (1.0 when H(true) = 0), c = MI / H(pred)
/// (1.0 when H(pred) = 0), V = (1+β)hc / (βh + c) (0.0 when h + c = 0).
/// </summary>
public static class VMeasure
{
    public static (double Homogeneity, double Completeness, double VMeasure) Score(ContingencyTable table, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(table);
        double hTrue = MutualInformation.Entropy(table.RowSums);
        double hPred = MutualInformation.Entropy(table.ColumnSums);
        double mi = MutualInformation.Score(table);
        return FromParts(mi, hTrue, hPred, beta);
    }

    internal static (double Homogeneity, double Completeness, double VMeasure) FromParts(double mi, double hTrue, double hPred, double beta)
    {
        double h = hTrue != 0.0 ? mi / hTrue : 1.0;
        double c = hPred != 0.0 ? mi / hPred : 1.0;
        double v = h + c == 0.0 ? 0.0 : (1 + beta) * h * c / (beta * h + c);
        return (h, c, v);
    }

    public static (double Homogeneity, double Completeness, double VMeasure) Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred, double beta = 1.0)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred), beta);
}

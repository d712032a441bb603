using System.Numerics;

namespace RadiologyNet.Clustering;

/// <summary>
/// Adjusted Rand index: Hubert &amp; Arabie (1985), "Comparing partitions", Journal of Classification 2:193–218;
/// Rand index: Rand (1971), JASA 66:846–850. Computed as scikit-learn 1.2.1 from the pair confusion matrix
/// (ordered pairs) with exact integers; 1.0 when there are no disagreeing pairs (includes n = 1).
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>
    /// scikit-learn's <c>pair_confusion_matrix</c> (ordered pairs, i.e. twice the unordered counts):
    /// C00 pairs apart in both, C01 together only in pred, C10 together only in true, C11 together in both.
    /// </summary>
    public static (Int128 C00, Int128 C01, Int128 C10, Int128 C11) PairConfusion(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Int128 n = table.Total;
        Int128 sumSquares = 0, dotCols = 0, dotRows = 0;
        ReadOnlySpan<int> rowStart = table.CellRowStart;
        ReadOnlySpan<int> cols = table.CellColumns;
        ReadOnlySpan<long> counts = table.CellCounts;
        for (int r = 0; r < table.Rows; r++)
        {
            Int128 a = table.RowSums[r];
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++)
            {
                Int128 c = counts[p];
                sumSquares += c * c;
                dotCols += c * table.ColumnSums[cols[p]];
                dotRows += c * a;
            }
        }
        Int128 c11 = sumSquares - n;
        Int128 c01 = dotCols - sumSquares;
        Int128 c10 = dotRows - sumSquares;
        Int128 c00 = n * n - c01 - c10 - sumSquares;
        return (c00, c01, c10, c11);
    }

    public static double Score(ContingencyTable table)
    {
        var (tn, fp, fn, tp) = PairConfusion(table);
        if (fn == 0 && fp == 0) return 1.0;
        Int128 numerator = tp * tn - fn * fp;
        Int128 denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
        return 2.0 * ToDouble(numerator) / ToDouble(denominator);
    }

    /// <summary>Rand index (scikit-learn's <c>rand_score</c>).</summary>
    public static double RandScore(ContingencyTable table)
    {
        var (c00, c01, c10, c11) = PairConfusion(table);
        Int128 numerator = c00 + c11;
        Int128 denominator = c00 + c01 + c10 + c11;
        if (numerator == denominator || denominator == 0) return 1.0;
        return ToDouble(numerator) / ToDouble(denominator);
    }

    /// <summary>Correctly rounded conversion (as Python's int → float).</summary>
    private static double ToDouble(Int128 v) => (double)(BigInteger)v;

    public static double Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred));
}

namespace RadiologyNet.Clustering;

/// <summary>
/// Shannon entropy of a labeling and mutual information between two labelings, in nats (natural log),
/// with scikit-learn 1.2.1's conventions (<c>entropy</c>, <c>mutual_info_score</c>): one distinct label gives
/// entropy 0; MI is 0 when either side has one label; MI terms below float64 epsilon are zeroed and the sum is
/// clipped at 0. See Cover &amp; Thomas, <i>Elements of Information Theory</i> (2006), ch. 2, and
/// Vinh, Epps &amp; Bailey (2010), "Information theoretic measures for clusterings comparison", JMLR 11.
/// </summary>
public static class MutualInformation
{
    /// <summary>Entropy of the class sizes <paramref name="counts"/> (zero counts ignored). No counts gives 1.0 as sklearn.</summary>
    public static double Entropy(ReadOnlySpan<long> counts)
    {
        int nonZero = 0;
        long total = 0;
        foreach (long c in counts)
        {
            if (c < 0) throw new ArgumentException("Counts must be non-negative.", nameof(counts));
            if (c > 0) { nonZero++; total += c; }
        }
        if (total == 0) return 1.0;
        if (nonZero == 1) return 0.0;
        double piSum = total;
        double logSum = Math.Log(piSum);
        var terms = new double[nonZero];
        int t = 0;
        foreach (long c in counts)
        {
            if (c == 0) continue;
            double pi = c;
            terms[t++] = (pi / piSum) * (Math.Log(pi) - logSum);
        }
        return -NumPySum.Pairwise(terms);
    }

    /// <summary>Entropy of a labeling.</summary>
    public static double Entropy(ReadOnlySpan<int> labels)
    {
        if (labels.Length == 0) return 1.0;
        var t = ContingencyTable.Create(labels, labels);
        return Entropy(t.RowSums);
    }

    /// <summary>Mutual information of the two labelings summarised by <paramref name="table"/>.</summary>
    public static double Score(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rows == 1 || table.Columns == 1) return 0.0;
        double total = table.Total;
        double logTotal = Math.Log(total);
        double logPiSum = Math.Log(total), logPjSum = Math.Log(total);
        ReadOnlySpan<int> rowStart = table.CellRowStart;
        ReadOnlySpan<int> cols = table.CellColumns;
        ReadOnlySpan<long> counts = table.CellCounts;
        var terms = new double[counts.Length];
        for (int r = 0; r < table.Rows; r++)
        {
            long a = table.RowSums[r];
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++)
            {
                double nij = counts[p];
                long outer = a * table.ColumnSums[cols[p]];
                double logOuter = -Math.Log(outer) + logPiSum + logPjSum;
                double nm = nij / total;
                double mi = nm * (Math.Log(nij) - logTotal) + nm * logOuter;
                terms[p] = Math.Abs(mi) < Float64.Epsilon ? 0.0 : mi;
            }
        }
        double sum = NumPySum.Pairwise(terms);
        return sum < 0.0 ? 0.0 : sum;
    }

    /// <summary>Mutual information of two labelings.</summary>
    public static double Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred));
}

internal static class Float64
{
    /// <summary>float64 machine epsilon (2^-52), NumPy's <c>np.finfo(float64).eps</c>.</summary>
    public const double Epsilon = 2.220446049250313e-16;
}

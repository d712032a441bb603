namespace RadiologyNet.Clustering;

/// <summary>
/// Expected mutual information under the permutation (hypergeometric) model and adjusted mutual information
/// AMI = (MI − E[MI]) / (avg(H(true), H(pred)) − E[MI]): Vinh, Epps &amp; Bailey (2010), "Information theoretic
/// measures for clusterings comparison: variants, properties, normalization and correction for chance",
/// JMLR 11:2837–2854 (eq. 24 for E[MI]).
/// </summary>
/// <remarks>
/// Conventions of scikit-learn 1.2.1's <c>adjusted_mutual_info_score</c>: 1.0 when both labelings have exactly one
/// distinct label; E[MI] = 0 when either side has one label; the denominator is clamped away from 0 keeping its
/// sign (±float64 eps). One deliberate difference: when the two partitions are identical (no pair disagrees),
/// AMI is 1.0. sklearn computes 0/0 there when MI = E[MI] = H (e.g. both labelings all singletons) and returns a
/// rounding artefact (1.0 for n = 6, 0.0 for n = 2).
/// E[MI] is computed more accurately than sklearn: each hypergeometric probability is exp of a sum of
/// log-factorials taken from a double-double table of ln m!, so the result is within ~1e-14 of the exact value,
/// whereas sklearn's own value can be off by ~1e-12 on large many-cluster tables.
/// </remarks>
public static class AdjustedMutualInformation
{
    public static double Score(ContingencyTable table, EntropyAverage average = EntropyAverage.Arithmetic)
    {
        ArgumentNullException.ThrowIfNull(table);
        double mi = MutualInformation.Score(table);
        double emi = ExpectedMutualInformation(table);
        return FromParts(table, mi, emi, MutualInformation.Entropy(table.RowSums), MutualInformation.Entropy(table.ColumnSums), average);
    }

    internal static double FromParts(ContingencyTable table, double mi, double emi, double hTrue, double hPred, EntropyAverage average)
    {
        if ((table.Rows == 1 && table.Columns == 1) || (table.Rows == 0 && table.Columns == 0)) return 1.0;
        if (IdenticalPartitions(table)) return 1.0;
        double normalizer = NormalizedMutualInformation.Average(hTrue, hPred, average);
        double denominator = normalizer - emi;
        denominator = denominator < 0 ? Math.Min(denominator, -Float64.Epsilon) : Math.Max(denominator, Float64.Epsilon);
        return (mi - emi) / denominator;
    }

    private static bool IdenticalPartitions(ContingencyTable table)
        => table.Rows == table.Columns && table.NonZeroCount == table.Rows;

    /// <summary>
    /// E[MI] in nats: Σ_i Σ_j Σ_n (n/N)·ln(N·n/(a_i·b_j))·P(n), P hypergeometric; 0 when either side has one label.
    /// </summary>
    public static double ExpectedMutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rows <= 1 || table.Columns <= 1) return 0.0;
        long total = table.Total;
        var lf = new LogFactorialTable(total);
        double N = total;
        double logN = Math.Log(N);
        int R = table.Rows, C = table.Columns;
        var logA = new double[R];
        var logB = new double[C];
        for (int i = 0; i < R; i++) logA[i] = Math.Log(table.RowSums[i]);
        for (int j = 0; j < C; j++) logB[j] = Math.Log(table.ColumnSums[j]);
        double emi = 0.0, compensation = 0.0;
        for (int i = 0; i < R; i++)
        {
            long a = table.RowSums[i];
            for (int j = 0; j < C; j++)
            {
                long b = table.ColumnSums[j];
                long start = Math.Max(1, a + b - total);
                long end = Math.Min(a, b);
                // constant part of ln P(n): ln a! + ln b! + ln (N-a)! + ln (N-b)! - ln N!
                var (kHi, kLo) = DoubleDouble.Sum5(lf.Hi(a), lf.Lo(a), lf.Hi(b), lf.Lo(b), lf.Hi(total - a), lf.Lo(total - a),
                    lf.Hi(total - b), lf.Lo(total - b), -lf.Hi(total), -lf.Lo(total));
                for (long nij = start; nij <= end; nij++)
                {
                    var (gHi, gLo) = DoubleDouble.Sum5(kHi, kLo, -lf.Hi(nij), -lf.Lo(nij), -lf.Hi(a - nij), -lf.Lo(a - nij),
                        -lf.Hi(b - nij), -lf.Lo(b - nij), -lf.Hi(total - a - b + nij), -lf.Lo(total - a - b + nij));
                    double p = Math.Exp(gHi) * (1.0 + gLo);
                    double term2 = logN + Math.Log(nij) - logA[i] - logB[j];
                    double term = nij / N * term2 * p;
                    // Kahan–Babuška summation
                    double t = emi + term;
                    compensation += Math.Abs(emi) >= Math.Abs(term) ? (emi - t) + term : (term - t) + emi;
                    emi = t;
                }
            }
        }
        return emi + compensation;
    }

    public static double Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred, EntropyAverage average = EntropyAverage.Arithmetic)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred), average);

    /// <summary>ln m! for m = 0..N as unevaluated double-double sums (hi + lo) of ln k.</summary>
    private sealed class LogFactorialTable
    {
        private readonly double[] _hi;
        private readonly double[] _lo;

        public LogFactorialTable(long n)
        {
            _hi = new double[n + 1];
            _lo = new double[n + 1];
            double hi = 0, lo = 0;
            for (long m = 2; m <= n; m++)
            {
                (hi, lo) = DoubleDouble.Add(hi, lo, Math.Log(m), 0.0);
                _hi[m] = hi;
                _lo[m] = lo;
            }
        }

        public double Hi(long m) => _hi[m];
        public double Lo(long m) => _lo[m];
    }
}

/// <summary>Minimal double-double arithmetic (Dekker 1971; Knuth TAOCP vol. 2, TwoSum).</summary>
internal static class DoubleDouble
{
    public static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return (s, err);
    }

    public static (double Hi, double Lo) Add(double aHi, double aLo, double bHi, double bLo)
    {
        var (s, e) = TwoSum(aHi, bHi);
        e += aLo + bLo;
        return TwoSum(s, e);
    }

    public static (double Hi, double Lo) Sum5(double h0, double l0, double h1, double l1, double h2, double l2,
        double h3, double l3, double h4, double l4)
    {
        var (h, l) = Add(h0, l0, h1, l1);
        (h, l) = Add(h, l, h2, l2);
        (h, l) = Add(h, l, h3, l3);
        return Add(h, l, h4, l4);
    }
}

namespace RadiologyNet.Clustering;

/// <summary>
/// Every label-agreement (external) score of a predicted labeling against a reference labeling, with
/// scikit-learn 1.2.1's conventions. Mutual information and entropies are in nats.
/// </summary>
public sealed record AgreementScores(
    double Homogeneity,
    double Completeness,
    double VMeasure,
    double MutualInformation,
    double NmiArithmetic,
    double NmiGeometric,
    double NmiMin,
    double NmiMax,
    double AdjustedRand)
{
    /// <summary>Adjusted mutual information, arithmetic average (sklearn's default).</summary>
    public double AmiArithmetic { get; init; }
    public double AmiGeometric { get; init; }
    public double AmiMin { get; init; }
    public double AmiMax { get; init; }

    /// <summary>Rand index (unadjusted).</summary>
    public double Rand { get; init; }

    /// <summary>Entropy of the true labels (nats).</summary>
    public double EntropyTrue { get; init; }

    /// <summary>Entropy of the predicted labels (nats).</summary>
    public double EntropyPred { get; init; }

    /// <summary>Expected mutual information under the permutation model (nats).</summary>
    public double ExpectedMutualInformation { get; init; }

    /// <summary>Number of samples.</summary>
    public long Samples { get; init; }

    /// <summary>Distinct true labels.</summary>
    public int Classes { get; init; }

    /// <summary>Distinct predicted labels.</summary>
    public int Clusters { get; init; }
}

/// <summary>
/// Computes <see cref="AgreementScores"/>: V-measure family (Rosenberg &amp; Hirschberg 2007), NMI and AMI
/// variants (Vinh, Epps &amp; Bailey 2010), ARI (Hubert &amp; Arabie 1985).
/// </summary>
public static class LabelAgreement
{
    /// <summary>Scores two integer labelings of equal length (any label values, negative included).</summary>
    public static AgreementScores Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred), includeAdjustedMutualInformation: true);

    /// <summary>As <see cref="Score(ReadOnlySpan{int}, ReadOnlySpan{int})"/>; AMI (O(R·N) for E[MI]) only when asked for.</summary>
    public static AgreementScores Score(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred, bool includeAdjustedMutualInformation)
        => Score(ContingencyTable.Create(labelsTrue, labelsPred), includeAdjustedMutualInformation);

    /// <summary>Scores from a contingency table. E[MI] costs O(R·N) and is skipped (AMI fields 0) when not asked for.</summary>
    public static AgreementScores Score(ContingencyTable table, bool includeAdjustedMutualInformation = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        double hTrue = MutualInformation.Entropy(table.RowSums);
        double hPred = MutualInformation.Entropy(table.ColumnSums);
        double mi = MutualInformation.Score(table);
        var (h, c, v) = VMeasure.FromParts(mi, hTrue, hPred, 1.0);
        double Nmi(EntropyAverage a) => NormalizedMutualInformation.FromParts(table, mi, hTrue, hPred, a);
        double emi = includeAdjustedMutualInformation ? AdjustedMutualInformation.ExpectedMutualInformation(table) : 0.0;
        double Ami(EntropyAverage a) => includeAdjustedMutualInformation
            ? AdjustedMutualInformation.FromParts(table, mi, emi, hTrue, hPred, a) : 0.0;
        return new AgreementScores(h, c, v, mi,
            Nmi(EntropyAverage.Arithmetic), Nmi(EntropyAverage.Geometric), Nmi(EntropyAverage.Min), Nmi(EntropyAverage.Max),
            AdjustedRandIndex.Score(table))
        {
            AmiArithmetic = Ami(EntropyAverage.Arithmetic),
            AmiGeometric = Ami(EntropyAverage.Geometric),
            AmiMin = Ami(EntropyAverage.Min),
            AmiMax = Ami(EntropyAverage.Max),
            Rand = AdjustedRandIndex.RandScore(table),
            EntropyTrue = hTrue,
            EntropyPred = hPred,
            ExpectedMutualInformation = emi,
            Samples = table.Total,
            Classes = table.Rows,
            Clusters = table.Columns,
        };
    }
}

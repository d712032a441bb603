using System.Text.Json.Serialization;
using RadiologyNet.Clustering;

namespace RadiologyNet.Client.Evaluation;

/// <summary>How well one clustering agrees with one label column (scikit-learn conventions, natural log).</summary>
public sealed record LabelScores(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("classes")] int Classes,
    [property: JsonPropertyName("clusters")] int Clusters,
    [property: JsonPropertyName("homogeneity")] double Homogeneity,
    [property: JsonPropertyName("completeness")] double Completeness,
    [property: JsonPropertyName("v_measure")] double VMeasure,
    [property: JsonPropertyName("nmi")] double Nmi,
    [property: JsonPropertyName("ari")] double AdjustedRand)
{
    /// <summary>Scores predicted cluster ids against string labels.</summary>
    public static LabelScores Compute(IReadOnlyList<string> truth, IReadOnlyList<int> predicted)
    {
        var encoded = LabelEncoder.Encode(truth, out _);
        return Of(ContingencyTable.Create(encoded, predicted.ToArray()));
    }

    /// <summary>
    /// Scores counts of (label, cluster) pairs, e.g. the cluster grains' histograms or rows tallied as they stream: the same
    /// scores, to the bit, as <see cref="Compute"/> on one entry per counted instance (labels are coded in ordinal order, as
    /// <see cref="LabelEncoder"/> codes them).
    /// </summary>
    public static LabelScores Of(IEnumerable<(string Label, int Cluster, long Count)> counts)
    {
        var cells = counts.Where(c => c.Count > 0).ToList();
        var codes = cells.Select(c => c.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((label, code) => (label, code)).ToDictionary(x => x.label, x => x.code, StringComparer.Ordinal);
        return Of(ContingencyTable.FromCounts(cells.Select(c => (codes[c.Label], c.Cluster, c.Count))));
    }

    /// <summary>Scores a contingency table of label × cluster counts.</summary>
    public static LabelScores Of(ContingencyTable table)
    {
        var s = LabelAgreement.Score(table, includeAdjustedMutualInformation: false);
        return new LabelScores((int)table.Total, table.Rows, table.Columns, s.Homogeneity, s.Completeness, s.VMeasure, s.NmiArithmetic, s.AdjustedRand);
    }
}

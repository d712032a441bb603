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

    /// <summary>Scores a contingency table of label × cluster counts (e.g. the cluster grains' histograms).</summary>
    public static LabelScores Of(ContingencyTable table)
    {
        var s = LabelAgreement.Score(table, includeAdjustedMutualInformation: false);
        return new LabelScores((int)table.Total, table.Rows, table.Columns, s.Homogeneity, s.Completeness, s.VMeasure, s.NmiArithmetic, s.AdjustedRand);
    }
}

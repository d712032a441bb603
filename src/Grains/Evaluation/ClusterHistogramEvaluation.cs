using RadiologyNet.Clustering;

namespace RadiologyNet.Grains;

/// <summary>
/// Label agreement computed from per-cluster label histograms, as the cluster grains keep them. The histograms are
/// exactly the contingency table of cluster × label, so the scores equal those of the exported annotations.
/// </summary>
public static class ClusterHistogramEvaluation
{
    /// <summary>Scores the clusters against one label from (cluster id, label → count) histograms.</summary>
    public static LabelEvaluation Evaluate(string label, IEnumerable<(int Cluster, IReadOnlyDictionary<string, long> Histogram)> clusters)
    {
        var truth = new List<string>();
        var predicted = new List<int>();
        foreach (var (cluster, histogram) in clusters)
            foreach (var (value, count) in histogram.OrderBy(h => h.Key, StringComparer.Ordinal))
                for (var i = 0L; i < count; i++)
                {
                    truth.Add(value);
                    predicted.Add(cluster);
                }
        if (truth.Count == 0) return new LabelEvaluation(label, 0, 0, 0, 0, 0, 0, 0);
        var trueLabels = LabelEncoder.Encode(truth, out _);
        var scores = LabelAgreement.Score(trueLabels, predicted.ToArray(), includeAdjustedMutualInformation: true);
        return new LabelEvaluation(label, truth.Count, scores.Homogeneity, scores.Completeness, scores.VMeasure,
            scores.MutualInformation, scores.AmiArithmetic, scores.AdjustedRand);
    }
}

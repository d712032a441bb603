using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// How the clusters agree with the modality and region tags, from the cluster grains' histograms alone: each is a column of
/// the cluster × label contingency table, and every score (homogeneity, completeness, V-measure, NMI, ARI) is a function of
/// that table, so no instance is read.
/// </summary>
public static class HistogramQuality
{
    /// <summary>The labels scored, each with its histogram in a <see cref="ClusterSummary"/>.</summary>
    public static readonly IReadOnlyList<(string Label, Func<ClusterSummary, IReadOnlyDictionary<string, long>> Histogram)> Labels =
    [
        ("modality", s => s.Modalities),
        ("region", s => s.Regions),
    ];

    /// <summary>The quality table of the fused clustering (the only one a running model has).</summary>
    public static QualityReport Of(IReadOnlyList<ClusterSummary> clusters)
    {
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, LabelScores>>();
        long n = 0;
        foreach (var (label, histogram) in Labels)
        {
            var cells = Cells(clusters, histogram).ToList();
            n = cells.Sum(c => c.Count);
            metrics[label] = n == 0 ? new Dictionary<string, LabelScores>()
                : new Dictionary<string, LabelScores> { ["fused"] = LabelScores.Of(cells.Select(c => (c.Value, c.Cluster, c.Count))) };
        }
        return new QualityReport("tags", false, checked((int)n), metrics);
    }

    /// <summary>The cluster × <paramref name="label"/> table for display.</summary>
    public static ConfusionTable Confusion(IReadOnlyList<ClusterSummary> clusters, string label) =>
        ConfusionTable.FromCounts(label, Cells(clusters, Labels.Single(l => l.Label == label).Histogram));

    private static IEnumerable<(int Cluster, string Value, long Count)> Cells(IReadOnlyList<ClusterSummary> clusters,
        Func<ClusterSummary, IReadOnlyDictionary<string, long>> histogram) =>
        clusters.SelectMany(c => histogram(c).Select(h => (c.Cluster, h.Key, h.Value)));
}

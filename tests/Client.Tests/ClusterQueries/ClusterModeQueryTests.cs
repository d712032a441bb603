using System.CommandLine;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Results;
using RadiologyNet.Clustering;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Tests.ClusterQueries;

/// <summary>
/// The cluster-mode query layer's pure parts: a cluster is never read whole through the results-folder path, and scores
/// from the cluster grains' histograms equal the scores from one label per instance.
/// </summary>
public sealed class ClusterModeQueryTests
{
    [Fact]
    public void A_running_cluster_cannot_be_read_whole_into_the_client()
    {
        var source = new ResultsSourceOptions();
        var command = new RootCommand();
        source.AddTo(command);
        var parse = command.Parse(["--connection", "UseDevelopmentStorage=true"]);
        Assert.True(source.IsCluster(parse));
        var refused = Assert.Throws<InvalidOperationException>(() => source.ReadFolder(parse));
        Assert.Contains("not read whole", refused.Message);
    }

    [Fact]
    public void Contingency_from_counts_is_the_table_of_the_labelings_they_describe()
    {
        var random = new Random(7);
        var truth = Enumerable.Range(0, 500).Select(_ => random.Next(-2, 6)).ToArray();
        var predicted = Enumerable.Range(0, 500).Select(_ => random.Next(0, 9)).ToArray();
        var expected = ContingencyTable.Create(truth, predicted);
        var fromCounts = ContingencyTable.FromCounts(truth.Zip(predicted).GroupBy(p => p).Select(g => (g.Key.First, g.Key.Second, (long)g.Count()))
            .Concat([(3, 4, 0L)]));
        Assert.Equal(expected.RowLabels, fromCounts.RowLabels);
        Assert.Equal(expected.ColumnLabels, fromCounts.ColumnLabels);
        Assert.Equal(expected.RowSums, fromCounts.RowSums);
        Assert.Equal(expected.ColumnSums, fromCounts.ColumnSums);
        Assert.Equal(expected.Total, fromCounts.Total);
        Assert.Equal(expected.NonZeroCells(), fromCounts.NonZeroCells());
        Assert.Equal(LabelAgreement.Score(expected), LabelAgreement.Score(fromCounts));
    }

    [Fact]
    public void Quality_and_confusion_from_the_cluster_histograms_equal_those_of_every_annotated_instance()
    {
        var random = new Random(11);
        string[] modalities = ["CT", "MR", "", "XA"];
        string[] regions = ["HEAD", "CHEST", "ABDOMEN", "UNKNOWN", ""];
        var instances = Enumerable.Range(0, 700).Select(i => new InstanceResult($"1.2.{i}", "1.3", "1.4", "", "annotated", "",
            random.Next(0, 7), 1f, null, null, modalities[random.Next(modalities.Length)], regions[random.Next(regions.Length)], "", FeatureSources.Image, i)).ToList();
        var results = new ArchiveResults(new ResultsModel("m", 1, 8, "euclidean", 2, null), instances, [], ResultVectors.Empty, null);
        var summaries = Enumerable.Range(0, 8).Select(c => new ClusterSummary(c, 1, instances.Count(i => i.Cluster == c),
            Histogram(instances.Where(i => i.Cluster == c).Select(i => i.Modality)), Histogram(instances.Where(i => i.Cluster == c).Select(i => i.Region)))).ToList();

        var expected = ResultsQuality.Of(results);
        var fromHistograms = HistogramQuality.Of(summaries);
        Assert.Equal(expected.N, fromHistograms.N);
        foreach (var label in new[] { "modality", "region" })
        {
            Assert.Equal(expected.Metrics[label]["fused"], fromHistograms.Metrics[label]["fused"]);
            var table = ConfusionTable.Of(results, label, maxColumns: 3);
            var histogramTable = ConfusionTable.FromCounts(label,
                summaries.SelectMany(s => (label == "modality" ? s.Modalities : s.Regions).Select(h => (s.Cluster, h.Key, h.Value))), maxColumns: 3);
            Assert.Equal(table.Columns, histogramTable.Columns);
            Assert.Equal(table.Rows.Select(r => (r.Cluster, string.Join(',', r.Counts))), histogramTable.Rows.Select(r => (r.Cluster, string.Join(',', r.Counts))));
            var shown = HistogramQuality.Confusion(summaries, label);
            Assert.Equal(ConfusionTable.Of(results, label).Columns, shown.Columns);
            Assert.Equal(ConfusionTable.Of(results, label).Rows.Select(r => string.Join(',', r.Counts)), shown.Rows.Select(r => string.Join(',', r.Counts)));
        }
    }

    private static IReadOnlyDictionary<string, long> Histogram(IEnumerable<string> labels) =>
        labels.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
}

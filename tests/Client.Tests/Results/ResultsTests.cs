using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Client.Review;

namespace RadiologyNet.Client.Tests.Results;

public sealed class ResultsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "radnet-results-" + Guid.NewGuid().ToString("N"));

    internal static ArchiveResults Sample()
    {
        // Two clusters in d = 2, centres at (0,0) and (10,0); three annotated images and one quarantined file.
        InstanceResult I(string sop, int? cluster, float? distance, int row, string modality, string region, string status = "annotated", string reason = "") =>
            new(sop, "se", "st-" + sop, $"dir/{sop}.dcm", status, reason, cluster, distance, cluster is null ? null : 1 - cluster, cluster is null ? null : 9f,
                modality, region, "ACME", row < 0 ? FeatureSources.None : FeatureSources.Image | FeatureSources.Metadata, row);
        var instances = new[]
        {
            I("1.1", 0, 1f, 0, "CT", "HEAD"), I("1.2", 0, 2f, 1, "CT", "CHEST"), I("1.3", 1, 0.5f, 2, "MR", "KNEE"),
            I("1.4", null, null, -1, "", "", "quarantined", "not featurisable: blank image"),
        };
        ClusterResult C(int id, int size, string medoid, Dictionary<string, int> modalities, Dictionary<string, int> regions) =>
            new(id, "", size, medoid, modalities, regions, new Dictionary<string, int> { ["ACME"] = size }, id == 0 ? ["bleed", "skull"] : []);
        var clusters = new[]
        {
            C(0, 2, "1.1", new() { ["CT"] = 2 }, new() { ["CHEST"] = 1, ["HEAD"] = 1 }),
            C(1, 1, "1.3", new() { ["MR"] = 1 }, new() { ["KNEE"] = 1 }),
        }.Select(c => c with { Name = ClusterNaming.Name(c) }).ToList();
        var vectors = new ResultVectors([1, 0, 2, 0, 10.5f, 0], 3, [0, 0, 10, 0], 2, 2);
        return new ArchiveResults(new ResultsModel("default", 4, 2, "euclidean", 2, "/archive", 12.5, new RefinementSummary(3, 42.5, 1.5)),
            instances, clusters, vectors, null);
    }

    [Fact]
    public void Store_round_trips_every_field()
    {
        var results = Sample();
        ResultsStore.Write(_dir, results);
        var read = ResultsStore.Read(_dir);
        Assert.Equal(results.Model, read.Model);
        Assert.Equal(results.Instances, read.Instances);
        Assert.Equal(results.Vectors.Fused, read.Vectors.Fused);
        Assert.Equal(results.Vectors.Centres, read.Vectors.Centres);
        Assert.Equal((3, 2, 2), (read.Vectors.Rows, read.Vectors.Clusters, read.Vectors.Dimension));
        for (var c = 0; c < 2; c++)
        {
            Assert.Equal(results.Clusters[c].Name, read.Clusters[c].Name);
            Assert.Equal(results.Clusters[c].Regions, read.Clusters[c].Regions);
            Assert.Equal(results.Clusters[c].Terms, read.Clusters[c].Terms);
        }
    }

    [Fact]
    public void Reading_a_folder_without_results_names_the_command_that_makes_them()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ResultsStore.Read(_dir));
        Assert.Contains("radnet annotate", e.Message);
    }

    [Fact]
    public void Names_join_dominant_labels_and_terms_and_mark_a_minority_label_as_mixed()
    {
        var results = Sample();
        Assert.Equal("CT · CHEST · \"bleed, skull\"", results.Clusters[0].Name); // CHEST and HEAD tie at 50 %: ordinal first, not mixed
        Assert.Equal("MR · KNEE", results.Clusters[1].Name);
        var mixed = results.Clusters[0] with { Size = 3, Regions = new Dictionary<string, int> { ["A"] = 1, ["B"] = 1, ["C"] = 1 } };
        Assert.StartsWith("CT · A/mixed", ClusterNaming.Name(mixed)); // CT holds 2 of 3
    }

    [Fact]
    public void Overview_purity_is_the_share_of_the_largest_modality_region_class()
    {
        var rows = ClusterOverview.Of(Sample());
        Assert.Equal([0.5, 1.0], rows.Select(r => r.Purity));
        Assert.Equal(("CT", 1.0), (rows[0].Modality, rows[0].ModalityShare));
    }

    [Fact]
    public void Distance_quantiles_interpolate_linearly_between_order_statistics()
    {
        var s = DistanceSummary.Of([4, 1, 3, 2, 5], bins: 2);
        Assert.Equal((1.0, 1.4, 2.0, 3.0, 4.0, 4.6, 5.0), (s.Min, s.P10, s.P25, s.Median, s.P75, s.P90, s.Max));
        Assert.Equal([new HistogramBin(1, 3, 2), new HistogramBin(3, 5, 3)], s.Histogram);
    }

    [Fact]
    public void Confusion_table_counts_annotated_members_per_label_and_sums_the_tail_into_other()
    {
        var t = ConfusionTable.Of(Sample(), "region", maxColumns: 2);
        Assert.Equal(["CHEST", "other"], t.Columns);
        Assert.Equal([new[] { 1, 1 }, new[] { 0, 1 }], t.Rows.Select(r => r.Counts.ToArray()));
    }

    [Fact]
    public void Similar_images_in_results_exclude_the_query_and_use_the_model_metric()
    {
        var hits = SimilarImages.InResults(Sample(), "1.1", 5);
        Assert.Equal(["1.2", "1.3"], hits.Select(h => h.SopInstanceUid));
        Assert.Equal([1f, 9.5f], hits.Select(h => h.Distance));
        Assert.Throws<ArgumentException>(() => SimilarImages.InResults(Sample(), "1.4", 5));
    }

    [Fact]
    public void Export_writes_csv_and_jsonl_with_cluster_names_and_the_model_version()
    {
        var csv = new StringWriter();
        ResultsExport.Write(csv, Sample(), "csv", PathMode.Relative);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ResultsExport.Columns), lines[0]);
        Assert.Equal("1.1,se,st-1.1,dir/1.1.dcm,0,1,annotated,,\"CT · CHEST · \"\"bleed, skull\"\"\",4", lines[1]);
        Assert.Equal("1.4,se,st-1.4,dir/1.4.dcm,,,quarantined,not featurisable: blank image,,4", lines[4]);
        var jsonl = new StringWriter();
        ResultsExport.Write(jsonl, Sample(), "jsonl", PathMode.Relative);
        var first = System.Text.Json.JsonDocument.Parse(jsonl.ToString().Split('\n')[0]).RootElement;
        Assert.Equal(0, first.GetProperty("cluster").GetInt32());
        Assert.Equal(4, first.GetProperty("model_version").GetInt32());
        Assert.Throws<ArgumentException>(() => ResultsExport.Write(new StringWriter(), Sample(), "xml", PathMode.Relative));
    }

    [Fact]
    public void Status_of_finished_results_counts_and_rates()
    {
        var s = ArchiveStatus.Of(Sample());
        Assert.Equal((4L, 3L, 3L, 1L, 0L), (s.Ingested, s.Featurised, s.Assigned, s.Quarantined, s.Pending));
        Assert.Equal(4 / 12.5, s.ImagesPerSecond);
        Assert.Equal(3, s.LastRefinement!.Version);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

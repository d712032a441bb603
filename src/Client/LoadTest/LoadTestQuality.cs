using System.Diagnostics;
using RadiologyNet.Clustering;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Client.LoadTest;

/// <summary>The offline k-means on the same vectors (best of 3 k-means++ starts), and how the streaming model compares.</summary>
/// <param name="Cost">Its k-means cost.</param>
/// <param name="Homogeneity">Homogeneity of its labels against the synthetic truth.</param>
/// <param name="NormalizedMutualInformation">NMI of its labels against the truth.</param>
/// <param name="Seconds">Time of the fit.</param>
/// <param name="CostRatio">The streaming model's cost over this one's (1.02 = 2 % worse).</param>
public sealed record OfflineBaseline(double Cost, double Homogeneity, double NormalizedMutualInformation, double Seconds, double CostRatio);

/// <summary>The final labels against the synthetic truth.</summary>
/// <param name="LabelSource">Where the labels were read.</param>
/// <param name="Scored">Instances with a cluster.</param>
/// <param name="Unlabelled">Instances without one (quarantined or pending).</param>
/// <param name="Homogeneity">Homogeneity of the clusters against the components.</param>
/// <param name="Completeness">Completeness.</param>
/// <param name="NormalizedMutualInformation">NMI (arithmetic).</param>
/// <param name="StreamingCost">k-means cost Σ‖x − mean of its cluster‖² of the model's final labels.</param>
/// <param name="TruthCost">The same cost of the true components (a reference).</param>
/// <param name="Offline">The offline baseline, or null when skipped.</param>
/// <param name="OfflineSkipped">Why the baseline was skipped, or null.</param>
/// <param name="Seconds">Time of the pass (reading labels and regenerating vectors).</param>
public sealed record QualityFigures(string LabelSource, long Scored, long Unlabelled, double Homogeneity, double Completeness, double NormalizedMutualInformation,
    double StreamingCost, double TruthCost, OfflineBaseline? Offline, string? OfflineSkipped, double Seconds);

/// <summary>
/// Scores the model's final labels (read from the study grains, <see cref="StudyRecords"/>) against the truth, with every
/// vector regenerated client-side from its event (<see cref="SyntheticMixture"/>, deterministic), so the costs need no vector
/// from the cluster. The offline k-means holds n × d floats, so it runs only up to <see cref="LoadTestSettings.OfflineLimit"/>.
/// </summary>
public static class LoadTestQuality
{
    /// <summary>Runs the pass; the offline baseline only when <paramref name="withOffline"/> (and n is within the limit).</summary>
    public static async Task<QualityFigures> MeasureAsync(IClusterClient client, SyntheticArchive archive, LoadTestSettings settings, int dimension, float noise,
        bool withOffline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var layout = new FusedLayout(SyntheticFeatureSource.ImageDimension, dimension - SyntheticFeatureSource.ImageDimension - SyntheticFeatureSource.ReportDimension,
            SyntheticFeatureSource.ReportDimension);
        var mixture = new SyntheticMixture(archive.Seed, layout, noise);
        var offline = withOffline && archive.Instances <= settings.OfflineLimit;
        var data = offline ? new float[archive.Instances * dimension] : null;
        var allTruth = offline ? new int[archive.Instances] : null;
        var streaming = new LabelCost(settings.Clusters, dimension);
        var truthCost = new LabelCost(archive.Components, dimension);
        var pairs = new Dictionary<(int Truth, int Cluster), long>(); // the contingency table: O(components × k), not O(n)
        long scored = 0;
        var vector = new float[dimension];
        long unlabelled = 0, row = 0;
        await foreach (var (study, events, records) in StudyRecords.ReadAsync(client, archive, cancellationToken))
        {
            foreach (var e in events)
            {
                SyntheticSource.TryParse(e.Source, out var source);
                var x = data is null ? vector : data.AsSpan((int)(row * dimension), dimension);
                mixture.Vector(source.Component, source.Study, source.Index, source.HasReport, x);
                if (allTruth is not null) allTruth[row] = study.Component;
                row++;
                truthCost.Add(x, study.Component);
                if (records.TryGetValue(e.SopInstanceUid, out var r) && r.Status == InstanceStatus.Annotated && r.Cluster >= 0)
                {
                    streaming.Add(x, r.Cluster);
                    pairs[(study.Component, r.Cluster)] = pairs.GetValueOrDefault((study.Component, r.Cluster)) + 1;
                    scored++;
                }
                else
                {
                    unlabelled++;
                }
            }
        }
        var table = scored > 0 ? ContingencyTable.FromCounts(pairs.Select(p => (p.Key.Truth, p.Key.Cluster, p.Value))) : null;
        var (h, c, _) = table is null ? (0, 0, 0) : VMeasure.Score(table);
        var nmi = table is null ? 0 : NormalizedMutualInformation.Score(table);
        var streamingCost = streaming.Cost();
        OfflineBaseline? baseline = null;
        string? skipped = offline ? null : !withOffline ? "not asked" : $"n = {archive.Instances} is above --offline-limit {settings.OfflineLimit}";
        if (data is not null && allTruth is not null)
        {
            var fitClock = Stopwatch.StartNew();
            var n = (int)archive.Instances;
            var fit = KMeans.Fit(data, n, dimension, settings.Clusters, settings.Seed, maxIterations: 300, nInit: 3);
            var cost = new LabelCost(settings.Clusters, dimension);
            for (var i = 0; i < n; i++) cost.Add(data.AsSpan(i * dimension, dimension), fit.Labels[i]);
            var offlineCost = cost.Cost();
            baseline = new OfflineBaseline(offlineCost, VMeasure.Score(allTruth, fit.Labels).Homogeneity, NormalizedMutualInformation.Score(allTruth, fit.Labels),
                fitClock.Elapsed.TotalSeconds, offlineCost > 0 ? streamingCost / offlineCost : double.NaN);
        }
        return new QualityFigures("study grains (IStudyGrain.GetInstances, the rows path of annotate and export)", scored, unlabelled, h, c, nmi,
            streamingCost, truthCost.Cost(), baseline, skipped, clock.Elapsed.TotalSeconds);
    }
}

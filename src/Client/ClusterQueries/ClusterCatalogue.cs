using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>
/// Every cluster of a running model described without reading the archive: size and modality and region composition
/// exactly, from the cluster grains; representative (the member nearest the centre), manufacturers and report terms from
/// the <see cref="MemberSample"/>. Names are built as for a results folder (<see cref="ClusterDescriptions"/>,
/// <see cref="ClusterNaming"/>), with the terms' statistics taken over the sampled members' studies.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Sample">The sampled members.</param>
/// <param name="Clusters">One per cluster, by id.</param>
public sealed record ClusterCatalogue(ClusterModel Model, MemberSample Sample, IReadOnlyList<ClusterResult> Clusters)
{
    /// <summary>Describes every cluster of <paramref name="model"/> from its summaries and <paramref name="sample"/>.</summary>
    public static async Task<ClusterCatalogue> BuildAsync(ClusterModel model, MemberSample sample, StudyReportReader reports, CancellationToken cancellationToken)
    {
        var described = (await ClusterDescriptions.BuildAsync(sample.Members, model.Snapshot.Clusters, reports, cancellationToken)).ToDictionary(c => c.Id);
        var clusters = model.Summaries.Select(summary =>
        {
            var fromSample = described.GetValueOrDefault(summary.Cluster);
            var cluster = new ClusterResult(summary.Cluster, "", checked((int)summary.Members), fromSample?.MedoidSop ?? "",
                Histogram(summary.Modalities), Histogram(summary.Regions),
                fromSample?.Manufacturers ?? new Dictionary<string, int>(), fromSample?.Terms ?? []);
            return cluster with { Name = ClusterNaming.Name(cluster) };
        }).ToList();
        return new ClusterCatalogue(model, sample, clusters);
    }

    /// <summary>The cluster with this id, or null.</summary>
    public ClusterResult? Find(int id) => Clusters.FirstOrDefault(c => c.Id == id);

    /// <summary>Cluster id → name.</summary>
    public IReadOnlyDictionary<int, string> Names => Clusters.ToDictionary(c => c.Id, c => c.Name);

    /// <summary>
    /// <c>radnet clusters</c>' rows. Sizes and dominant labels are exact; purity (the share of the most frequent modality×region
    /// class) needs each member's pair of labels, which the cluster grains do not keep, so it is the sampled members' purity.
    /// </summary>
    public IReadOnlyList<ClusterOverview> Overview() => Clusters.OrderBy(c => c.Id).Select(c =>
    {
        var (modality, modalityShare) = c.DominantModality;
        var (region, regionShare) = c.DominantRegion;
        var sampled = Sample.Of(c.Id).ToList();
        var purity = sampled.Count == 0 ? 0 : (double)sampled.GroupBy(i => (i.Modality, i.Region)).Max(g => g.Count()) / sampled.Count;
        return new ClusterOverview(c.Id, c.Name, c.Size, modality, modalityShare, region, regionShare, purity, c.MedoidSop);
    }).ToList();

    /// <summary>
    /// The sampled members as results (for the review report): the exact cluster descriptions, the sampled instances and their
    /// vectors, and the quality table from the cluster grains' histograms.
    /// </summary>
    public ArchiveResults AsResults() => new(Model.Results, Sample.Members, Clusters,
        new ResultVectors(Sample.Fused, Sample.Fused.Length == 0 ? 0 : Sample.Members.Count, Model.Snapshot.Centres,
            Model.HasCentres ? Model.Snapshot.Clusters : 0, Model.Snapshot.Dimension), HistogramQuality.Of(Model.Summaries));

    private static IReadOnlyDictionary<string, int> Histogram(IReadOnlyDictionary<string, long> counts) =>
        counts.Where(c => c.Value > 0).GroupBy(c => c.Key.Length == 0 ? "UNKNOWN" : c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => checked((int)g.Sum(c => c.Value)), StringComparer.Ordinal);
}

using RadiologyNet.Features.Text;

namespace RadiologyNet.Client.Results;

/// <summary>Describes every cluster from its members: size, representative (nearest the centre), composition, report terms and auto-name.</summary>
public static class ClusterDescriptions
{
    /// <summary>Report terms kept per cluster.</summary>
    public const int TermsPerCluster = 5;

    /// <summary>The descriptions of clusters 0..k-1; <paramref name="reports"/> gives a study's report and who it is about.</summary>
    public static async Task<IReadOnlyList<ClusterResult>> BuildAsync(IReadOnlyList<InstanceResult> instances, int k,
        StudyReportReader reports, CancellationToken cancellationToken)
    {
        var terms = await ClusterTerms(instances, reports, cancellationToken);
        return Enumerable.Range(0, k).Select(j => Describe(j, instances, terms.GetValueOrDefault(j) ?? [])).ToList();
    }

    /// <summary>
    /// One document per (study, cluster): a study's report describes each of its clusters' members once. Each study's
    /// identity is read from the first instance (by SOP UID) of each of its series.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> ClusterTerms(IReadOnlyList<InstanceResult> instances,
        StudyReportReader reports, CancellationToken cancellationToken)
    {
        var members = instances.Where(i => i.Cluster is not null && i.Sources.HasFlag(FeatureSources.Report)).ToList();
        var read = new Dictionary<string, StudyReport?>(StringComparer.Ordinal);
        foreach (var study in members.GroupBy(i => i.StudyInstanceUid, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var files = study.GroupBy(i => i.SeriesInstanceUid, StringComparer.Ordinal)
                .Select(series => series.MinBy(i => i.SopInstanceUid, StringComparer.Ordinal)!.File).ToList();
            read[study.Key] = await reports.ReadAsync(study.Key, files, cancellationToken);
        }
        var documents = members.Select(i => (Study: i.StudyInstanceUid, Cluster: i.Cluster!.Value)).Distinct()
            .Where(p => read[p.Study] is not null).Select(p => (p.Cluster, p.Study, read[p.Study]!));
        return DistinctiveTerms.Top(documents, TermsPerCluster);
    }

    private static ClusterResult Describe(int cluster, IReadOnlyList<InstanceResult> instances, IReadOnlyList<string> terms)
    {
        var members = instances.Where(i => i.Cluster == cluster && i.VectorRow >= 0).ToList();
        var medoid = members.OrderBy(i => i.Distance).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).FirstOrDefault();
        var result = new ClusterResult(cluster, "", members.Count, medoid?.SopInstanceUid ?? "",
            Histogram(members, i => i.Modality), Histogram(members, i => i.Region), Histogram(members, i => i.Manufacturer), terms);
        return result with { Name = ClusterNaming.Name(result) };
    }

    private static IReadOnlyDictionary<string, int> Histogram(IEnumerable<InstanceResult> members, Func<InstanceResult, string> label) =>
        members.GroupBy(m => label(m).Length == 0 ? "UNKNOWN" : label(m), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

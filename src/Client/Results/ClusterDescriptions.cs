using RadiologyNet.Features.Text;

namespace RadiologyNet.Client.Results;

/// <summary>Describes every cluster from its members: size, representative (nearest the centre), composition, report terms and auto-name.</summary>
public static class ClusterDescriptions
{
    /// <summary>Report terms kept per cluster.</summary>
    public const int TermsPerCluster = 5;

    /// <summary>The descriptions of clusters 0..k-1; <paramref name="reportText"/> gives a study's report, or null.</summary>
    public static async Task<IReadOnlyList<ClusterResult>> BuildAsync(IReadOnlyList<InstanceResult> instances, int k,
        Func<string, Task<string?>> reportText, CancellationToken cancellationToken)
    {
        var terms = await ClusterTerms(instances, reportText, cancellationToken);
        return Enumerable.Range(0, k).Select(j => Describe(j, instances, terms.GetValueOrDefault(j) ?? [])).ToList();
    }

    /// <summary>One document per (study, cluster): a study's report describes each of its clusters' members once.</summary>
    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> ClusterTerms(IReadOnlyList<InstanceResult> instances,
        Func<string, Task<string?>> reportText, CancellationToken cancellationToken)
    {
        var pairs = instances.Where(i => i.Cluster is not null && i.Sources.HasFlag(FeatureSources.Report))
            .Select(i => (Study: i.StudyInstanceUid, Cluster: i.Cluster!.Value)).Distinct().ToList();
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var study in pairs.Select(p => p.Study).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            texts[study] = await reportText(study);
        }
        return DistinctiveTerms.Top(pairs.Where(p => !string.IsNullOrWhiteSpace(texts[p.Study])).Select(p => (p.Cluster, texts[p.Study]!)), TermsPerCluster);
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

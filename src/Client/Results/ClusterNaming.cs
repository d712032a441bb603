namespace RadiologyNet.Client.Results;

/// <summary>
/// A cluster's auto-name: its dominant modality, its dominant region and its two most distinctive report terms,
/// e.g. <c>CT · HEAD · "hemorrhage, midline"</c>. A label held by under half of the members is marked mixed (<c>CT/mixed</c>).
/// </summary>
public static class ClusterNaming
{
    /// <summary>Report terms in a name.</summary>
    public const int TermsInName = 2;

    /// <summary>The name of <paramref name="cluster"/> (its <see cref="ClusterResult.Name"/> is ignored).</summary>
    public static string Name(ClusterResult cluster)
    {
        if (cluster.Size == 0) return "(empty)";
        var parts = new List<string> { Part(cluster.DominantModality), Part(cluster.DominantRegion) };
        if (cluster.Terms.Count > 0) parts.Add($"\"{string.Join(", ", cluster.Terms.Take(TermsInName))}\"");
        return string.Join(" · ", parts);
    }

    private static string Part((string Label, double Share) dominant) =>
        dominant.Share >= 0.5 ? dominant.Label : $"{dominant.Label}/mixed";
}

namespace RadiologyNet.Client.Results;

/// <summary>
/// One line of <c>radnet clusters</c>: a cluster's name, size, dominant labels with their shares, purity (the share of
/// the members in the cluster's most frequent modality×region class) and medoid.
/// </summary>
public sealed record ClusterOverview(int Id, string Name, int Size, string Modality, double ModalityShare, string Region, double RegionShare,
    double Purity, string MedoidSop)
{
    /// <summary>The overview of every cluster of <paramref name="results"/>, by id.</summary>
    public static IReadOnlyList<ClusterOverview> Of(ArchiveResults results)
    {
        var classes = results.Instances.Where(i => i.Cluster is not null && i.VectorRow >= 0)
            .GroupBy(i => i.Cluster!.Value)
            .ToDictionary(g => g.Key, g => g.GroupBy(i => (i.Modality, i.Region)).Max(c => c.Count()));
        return results.Clusters.OrderBy(c => c.Id).Select(c =>
        {
            var (modality, modalityShare) = c.DominantModality;
            var (region, regionShare) = c.DominantRegion;
            var purity = c.Size == 0 ? 0 : (double)classes.GetValueOrDefault(c.Id) / c.Size;
            return new ClusterOverview(c.Id, c.Name, c.Size, modality, modalityShare, region, regionShare, purity, c.MedoidSop);
        }).ToList();
    }
}

using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary>What the report shows of one cluster: its members nearest first and the picks of each section.</summary>
internal sealed record ClusterPlan(
    ClusterResult Cluster,
    string Colour,
    IReadOnlyList<InstanceResult> Members,
    InstanceResult? Medoid,
    IReadOnlyList<InstanceResult> Montage,
    IReadOnlyList<InstanceResult> PageMembers,
    IReadOnlyList<(InstanceResult Member, double Quantile)> Spread,
    IReadOnlyList<InstanceResult> Borderline);

/// <summary>The plan of a whole report: clusters in display order (largest first) and every thumbnail they need.</summary>
internal static class ReviewPlan
{
    public static IReadOnlyList<ClusterPlan> Build(ArchiveResults results, ReviewReportOptions options)
    {
        var byId = results.Clusters.OrderBy(c => c.Id).ToList();
        var colours = byId.Select((c, i) => (c.Id, Colour: ClusterPalette.Colour(i))).ToDictionary(p => p.Id, p => p.Colour);
        var members = results.Instances.Where(i => i.Cluster is not null)
            .GroupBy(i => i.Cluster!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<InstanceResult>)g.OrderBy(i => i.Distance ?? float.MaxValue).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList());
        return byId.OrderByDescending(c => c.Size).ThenBy(c => c.Id).Select(cluster =>
        {
            var list = members.GetValueOrDefault(cluster.Id) ?? [];
            var medoid = list.FirstOrDefault(i => string.Equals(i.SopInstanceUid, cluster.MedoidSop, StringComparison.Ordinal)) ?? list.FirstOrDefault();
            var others = list.Where(i => !ReferenceEquals(i, medoid)).ToList();
            var montage = DistanceSpread.QuantilePicks(others.Count, options.MontageMembers).Select(p => others[p.Index]).ToList();
            var spread = DistanceSpread.QuantilePicks(list.Count, options.SpreadPicks).Select(p => (list[p.Index], p.Quantile)).ToList();
            // Nearly as close to another centre as to this one: the members a reviewer should check first.
            var borderline = list.Where(i => i.Margin is not null && i.RunnerUp is not null)
                .OrderBy(i => i.Margin).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).Take(options.BorderlineMembers).ToList();
            return new ClusterPlan(cluster, colours[cluster.Id], list, medoid, montage, list.Take(options.ClusterPageMembers).ToList(), spread, borderline);
        }).ToList();
    }

    /// <summary>Registers every thumbnail the pages will show.</summary>
    public static void WantThumbnails(IReadOnlyList<ClusterPlan> plans, ThumbnailSet thumbnails, ReviewReportOptions options)
    {
        foreach (var plan in plans)
        {
            if (plan.Medoid is { } medoid)
            {
                thumbnails.Want(medoid, options.ThumbnailSize);
                thumbnails.Want(medoid, options.MedoidSize);
            }
            foreach (var member in plan.Montage.Concat(plan.PageMembers).Concat(plan.Spread.Select(s => s.Member)).Concat(plan.Borderline))
                thumbnails.Want(member, options.ThumbnailSize);
        }
    }
}

using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Review;

/// <summary>A point of the 2-D map: an annotated instance at viewBox coordinates.</summary>
internal readonly record struct MapPoint(InstanceResult Instance, int Cluster, double X, double Y);

/// <summary>A cluster centre at viewBox coordinates.</summary>
internal readonly record struct MapCentre(int Cluster, double X, double Y);

/// <summary>
/// The 2-D map's geometry: which instances are drawn (every annotated instance with a fused vector, or an even
/// stride of at most <see cref="ReviewReportOptions.MaxMapPoints"/>), their <see cref="PcaProjection"/> fitted on
/// the drawn vectors, the cluster centres through the same projection, and a uniform scale (equal units on both
/// axes) into a <see cref="Width"/> × <see cref="Height"/> box with a margin.
/// </summary>
internal sealed record ArchiveMap(IReadOnlyList<MapPoint> Points, IReadOnlyList<MapCentre> Centres, int Eligible, double ExplainedFirst, double ExplainedSecond)
{
    public const int Width = 960;
    public const int Height = 640;
    public const int Margin = 24;

    public static ArchiveMap Build(ArchiveResults results, ReviewReportOptions options)
    {
        var vectors = results.Vectors;
        var d = vectors.Dimension;
        var eligible = results.Instances.Where(i => i.Cluster is not null && i.VectorRow >= 0 && i.VectorRow < vectors.Rows).ToList();
        if (eligible.Count == 0 || d == 0) return new ArchiveMap([], [], eligible.Count, 0, 0);
        var take = Math.Min(eligible.Count, Math.Max(1, options.MaxMapPoints));
        var drawn = Enumerable.Range(0, take).Select(k => eligible[(int)((long)k * eligible.Count / take)]).ToList();

        var data = new float[drawn.Count * d];
        for (var k = 0; k < drawn.Count; k++) vectors.Row(drawn[k].VectorRow).CopyTo(data.AsSpan(k * d, d));
        var pca = PcaProjection.Fit(data, drawn.Count, d, options.ProjectionSeed);
        var raw = pca.ProjectRows(data, drawn.Count);
        var centres = results.Clusters.Where(c => c.Size > 0 && c.Id >= 0 && c.Id < vectors.Clusters)
            .Select(c => (c.Id, XY: pca.Project(vectors.Centre(c.Id)))).ToList();

        var all = raw.Concat(centres.Select(c => c.XY)).ToList();
        double minX = all.Min(p => p.X), maxX = all.Max(p => p.X), minY = all.Min(p => p.Y), maxY = all.Max(p => p.Y);
        var spanX = maxX - minX;
        var spanY = maxY - minY;
        var scale = Math.Min(spanX > 0 ? (Width - 2.0 * Margin) / spanX : double.PositiveInfinity, spanY > 0 ? (Height - 2.0 * Margin) / spanY : double.PositiveInfinity);
        if (double.IsInfinity(scale)) scale = 1;
        double midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
        // SVG y grows downwards: flip so that the second component points up.
        (double, double) Place((double X, double Y) p) => (Width / 2.0 + (p.X - midX) * scale, Height / 2.0 - (p.Y - midY) * scale);

        var points = drawn.Select((instance, k) => { var (x, y) = Place(raw[k]); return new MapPoint(instance, instance.Cluster!.Value, x, y); }).ToList();
        var placedCentres = centres.Select(c => { var (x, y) = Place(c.XY); return new MapCentre(c.Id, x, y); }).ToList();
        var total = pca.TotalVariance;
        return new ArchiveMap(points, placedCentres, eligible.Count, total > 0 ? pca.Variance1 / total : 0, total > 0 ? pca.Variance2 / total : 0);
    }
}

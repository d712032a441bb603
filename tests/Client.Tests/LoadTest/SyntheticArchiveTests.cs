using RadiologyNet.Dicom;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Client.Tests.LoadTest;

/// <summary>The load harness's synthetic archive: deterministic, the study sizes it promises, valid UIDs, vectors shaped like fused ones.</summary>
public sealed class SyntheticArchiveTests
{
    private static readonly FusedLayout Layout = new(SyntheticFeatureSource.ImageDimension, 148, SyntheticFeatureSource.ReportDimension);

    [Fact]
    public void The_same_seed_gives_the_same_archive_and_vectors_and_another_seed_does_not()
    {
        static List<InstanceArrived> Events(long seed)
        {
            var archive = new SyntheticArchive(seed, 3000, 50, 7);
            return archive.Studies().SelectMany(archive.Events).ToList();
        }
        var first = Events(7);
        Assert.Equal(first, Events(7));
        Assert.Equal(3000, first.Count);
        Assert.NotEqual(first.Select(e => e.SopInstanceUid), Events(8).Select(e => e.SopInstanceUid));

        Assert.True(SyntheticSource.TryParse(first[123].Source, out var source));
        var a = new SyntheticMixture(7, Layout).Vector(source.Component, source.Study, source.Index, source.HasReport);
        var b = new SyntheticMixture(7, Layout).Vector(source.Component, source.Study, source.Index, source.HasReport);
        Assert.Equal(a, b);
        Assert.NotEqual(a, new SyntheticMixture(8, Layout).Vector(source.Component, source.Study, source.Index, source.HasReport));
        Assert.Equal(1044, a.Length);
    }

    [Fact]
    public void Study_sizes_are_heavy_tailed_from_1_to_500_with_the_requested_mean()
    {
        var sizes = new SyntheticArchive(42, 2_000_000, 50, 7).Studies().Select(s => s.Size).ToList();
        Assert.InRange(sizes.Average(), 6.85, 7.15);
        Assert.Equal(1, sizes.Min());
        Assert.InRange(sizes.Max(), 300, 500);
        Assert.InRange(sizes.Count(s => s == 1) / (double)sizes.Count, 0.1, 0.4); // many single-image studies
        Assert.InRange(sizes.Count(s => s > 50) / (double)sizes.Count, 0.005, 0.05); // and a heavy tail
        Assert.InRange(new StudySizes(20).Mean, 19.99, 20.01);
    }

    [Fact]
    public void Uids_are_valid_and_distinct_and_every_instance_has_a_regenerable_source()
    {
        var archive = new SyntheticArchive(42, 20_000, 50, 7);
        var sops = new HashSet<string>();
        foreach (var study in archive.Studies())
        foreach (var e in archive.Events(study))
        {
            Assert.Null(UidSyntax.InstanceProblem(e.StudyInstanceUid, e.SeriesInstanceUid, e.SopInstanceUid));
            Assert.True(sops.Add(e.SopInstanceUid));
            Assert.True(SyntheticSource.TryParse(e.Source, out var source));
            Assert.Equal((study.Component, study.Index, study.HasReport), (source.Component, source.Study, source.HasReport));
            Assert.Equal(e.Source, source.ToString());
        }
        Assert.Equal(20_000, sops.Count);
        Assert.False(SyntheticSource.TryParse("CT/1.2.3/image.dcm", out _));
    }

    [Fact]
    public void Vectors_have_unit_slices_like_fused_ones_and_a_study_without_a_report_has_a_zero_report_slice()
    {
        var mixture = new SyntheticMixture(42, Layout);
        var full = mixture.Vector(3, 10, 100, hasReport: true);
        var noReport = mixture.Vector(3, 11, 101, hasReport: false);
        var weight = Math.Sqrt(3.0 / 2); // the missing-source reweighting of equal weights
        Assert.Equal(1, FeatureFusion.Norm(Layout.Image(full)), 4);
        Assert.Equal(1, FeatureFusion.Norm(Layout.Metadata(full)), 4);
        Assert.Equal(1, FeatureFusion.Norm(Layout.Report(full)), 4);
        Assert.Equal(weight, FeatureFusion.Norm(Layout.Image(noReport)), 4);
        Assert.Equal(0, FeatureFusion.Norm(Layout.Report(noReport)));
    }

    [Fact]
    public void Components_overlap_enough_that_instances_are_nearer_their_own_centre_but_not_far_from_others()
    {
        // The noise is three times a centre's length: an instance is closer to another of its component than to one of
        // another component on average, but the margin is small, so k-means has work to do.
        var mixture = new SyntheticMixture(42, Layout);
        double Distance(float[] x, float[] y) => Math.Sqrt(x.Zip(y, (p, q) => (double)(p - q) * (p - q)).Sum());
        var same = Enumerable.Range(0, 20).Average(i => Distance(mixture.Vector(1, i, 2 * i, true), mixture.Vector(1, 100 + i, 2 * i + 1, true)));
        var other = Enumerable.Range(0, 20).Average(i => Distance(mixture.Vector(1, i, 2 * i, true), mixture.Vector(2, 100 + i, 2 * i + 1, true)));
        Assert.True(same < other, $"{same} vs {other}");
        Assert.True(other / same < 1.2, $"{same} vs {other}");
    }

    [Fact]
    public async Task The_synthetic_source_quarantines_an_instance_that_is_not_synthetic()
    {
        var source = new SyntheticFeatureSource(new MetadataVectorizer(new MetadataVectorizerOptions()),
            Microsoft.Extensions.Options.Options.Create(new LoadTestOptions { Enabled = true }));
        var archive = new SyntheticArchive(42, 10, 5, 7);
        var real = archive.Events(archive.Studies().First()).First();
        var featurised = await source.FeaturiseAsync(real, null);
        Assert.Equal(source.Layout.Dimension, featurised.Fused.Length);
        Assert.Equal(1044, source.Layout.Dimension);
        await Assert.ThrowsAsync<Grains.Featurisation.QuarantineException>(() => source.FeaturiseAsync(real with { Source = "CT/a.dcm" }, null));
    }
}

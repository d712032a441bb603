using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Clustering.Tests.KMedoids;

/// <summary>Exact values on tiny hand-made inputs, storage equivalence and determinism.</summary>
public class KMedoidsUnitTests
{
    // Six points on a line: {0, 1, 2} and {10, 11, 12}. The optimum for k = 2 is {1, 11} (indices 1, 4), cost 4.
    private static readonly float[] Line = [0, 1, 2, 10, 11, 12];

    private static DenseDissimilarity LineMatrix() => DenseDissimilarity.FromVectors(Line, 6, 1, DissimilarityMetric.Euclidean);

    [Fact]
    public void Build_by_hand()
    {
        // Σd: 36, 32, 30, 30, 32, 36 → the tie 2/3 goes to the last (R's "<="): 3. Gains then: 24, 25, 24, –, 2, 2 → 1.
        Assert.Equal([3, 1], PamBuild.Select(LineMatrix(), 2));
        var r = Pam.BuildOnly(LineMatrix(), 2);
        Assert.Equal(5.0, r.Cost);
        Assert.Equal([1, 1, 1, 0, 0, 0], r.Labels);
    }

    [Fact]
    public void Pam_by_hand()
    {
        // From BUILD {3, 1} (cost 5) the only improving swap is 3 → 4 (T = −1); then nothing improves.
        var r = Pam.Fit(LineMatrix(), 2);
        Assert.Equal([4, 1], r.Medoids);
        Assert.Equal(4.0, r.Cost);
        Assert.Equal(1, r.Swaps);
        Assert.Equal(2, r.Iterations);
        Assert.Equal([1, 1, 1, 0, 0, 0], r.Labels);
    }

    [Fact]
    public void FasterPam_by_hand()
    {
        // From {0, 5}: candidate 1 replaces 0 (change −2), candidate 4 replaces 5 (change −1); the second pass stops at 4.
        var r = FasterPam.Fit(LineMatrix(), [0, 5]);
        Assert.Equal([1, 4], r.Medoids);
        Assert.Equal(4.0, r.Cost);
        Assert.Equal(2, r.Swaps);
        Assert.Equal(2, r.Iterations);
        Assert.Equal([0, 0, 0, 1, 1, 1], r.Labels);
    }

    [Fact]
    public void Alternate_by_hand()
    {
        // Pass 1 assigns {0,1,2} to 0 and {3,4,5} to 5, then moves the medoids to 1 and 4; pass 2 moves nothing.
        var r = Alternate.Fit(LineMatrix(), [0, 5]);
        Assert.Equal([1, 4], r.Medoids);
        Assert.Equal(4.0, r.Cost);
        Assert.Equal(2, r.Iterations);
        Assert.Equal(2, r.Swaps);
    }

    [Fact]
    public void Alternate_gets_stuck_where_swaps_do_not()
    {
        // Both medoids start in the left group: the Voronoi iteration cannot leave it, a swap can.
        float[] x = [0, 1, 2, 3, 100, 101];
        var d = DenseDissimilarity.FromVectors(x, 6, 1, DissimilarityMetric.Manhattan);
        var alt = Alternate.Fit(d, [0, 1]);
        var fp = FasterPam.Fit(d, [0, 1]);
        // Alternate: pass 1 moves medoid 1 to 3 (sum 198); pass 2 moves nothing: cost 0+1+1+0+97+98.
        Assert.Equal([0, 3], alt.Medoids);
        Assert.Equal(197.0, alt.Cost);
        // Swaps: one medoid in {1, 2} (cost 4) and one in {100, 101} (cost 1).
        Assert.Equal(5.0, fp.Cost);
        Assert.Equal(5.0, Pam.Fit(d, 2).Cost);
    }

    [Fact]
    public void Single_medoid_is_the_minimum_sum_object()
    {
        var r = FasterPam.Fit(LineMatrix(), [5]);
        Assert.Equal(30.0, r.Cost);
        Assert.Equal(2, r.Medoids[0]); // first of the tied 2 and 3
        Assert.All(r.Labels, l => Assert.Equal(0, l));
    }

    [Fact]
    public void Storages_agree()
    {
        var rng = new Random(7);
        const int n = 40, d = 5;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble() * 10;
        foreach (var metric in Enum.GetValues<DissimilarityMetric>())
        {
            var dense = DenseDissimilarity.FromVectors(x, n, d, metric);
            var cond = CondensedDissimilarity.FromVectors(x, n, d, metric);
            var vec = new VectorDissimilarity(x, n, d, metric);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(dense[i, j], cond[i, j]);
                    Assert.Equal(dense[i, j], dense[j, i]);
                    Assert.Equal(dense[i, j], vec[i, j], 1e-5 * Math.Max(1, dense[i, j]));
                }
            var a = FasterPam.Fit(dense, 4, seed: 3);
            var b = FasterPam.Fit(cond, 4, seed: 3);
            Assert.Equal(a.Medoids, b.Medoids);
            Assert.Equal(a.Cost, b.Cost);
        }
    }

    [Fact]
    public void Condensed_index_follows_pdist_order()
    {
        // pairs (0,1), (0,2), (1,2)
        var c = new CondensedDissimilarity([1, 2, 3], 3);
        Assert.Equal(1, c[1, 0]);
        Assert.Equal(2, c[0, 2]);
        Assert.Equal(3, c[2, 1]);
        Assert.Equal(0, c[2, 2]);
    }

    [Fact]
    public void Vector_distance_values()
    {
        float[] a = [1, 2, 3], b = [4, 6, 3];
        Assert.Equal(5.0, VectorDistance.Compute(a, b, DissimilarityMetric.Euclidean));
        Assert.Equal(25.0, VectorDistance.Compute(a, b, DissimilarityMetric.SquaredEuclidean));
        Assert.Equal(7.0, VectorDistance.Compute(a, b, DissimilarityMetric.Manhattan));
        Assert.Equal(1 - 25 / (Math.Sqrt(14) * Math.Sqrt(61)), VectorDistance.Compute(a, b, DissimilarityMetric.Cosine), 1e-15);
        Assert.Equal(1.0, VectorDistance.Compute(a, [0, 0, 0], DissimilarityMetric.Cosine));
    }

    [Fact]
    public void Initialisations_are_deterministic_distinct_and_seeded()
    {
        var rng = new Random(11);
        const int n = 300, d = 3;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        var m = DenseDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Euclidean);
        foreach (var init in Enum.GetValues<KMedoidsInit>())
        {
            var a = KMedoidsInitializer.Select(m, 10, init, 5);
            Assert.Equal(a, KMedoidsInitializer.Select(m, 10, init, 5));
            Assert.Equal(10, a.Distinct().Count());
            Assert.All(a, i => Assert.InRange(i, 0, n - 1));
        }
        Assert.NotEqual(RandomMedoids.Select(n, 10, 1), RandomMedoids.Select(n, 10, 2));
        Assert.Equal(Enumerable.Range(0, 5).ToHashSet(), RandomMedoids.Select(5, 5, 9).ToHashSet());
    }

    [Fact]
    public void FasterPam_reaches_pam_quality_and_is_deterministic()
    {
        var rng = new Random(3);
        const int n = 250, d = 4;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 4 + (i / d % 5) * 3);
        var m = DenseDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Manhattan);
        var pam = Pam.Fit(m, 5);
        var fp = FasterPam.Fit(m, 5, seed: 1);
        Assert.Equal(fp.Medoids, FasterPam.Fit(m, 5, seed: 1).Medoids);
        Assert.InRange(fp.Cost, 0, pam.Cost * 1.001);
        Assert.Equal(MedoidAssignment.Cost(m, fp.Medoids), fp.Cost, 1e-9 * fp.Cost);
        var clara = Clara.Fit(m, 5, samples: 5, seed: 4);
        Assert.Equal(clara.Medoids, Clara.Fit(m, 5, samples: 5, seed: 4).Medoids);
        Assert.Equal(MedoidAssignment.Cost(m, clara.Medoids), clara.Cost);
        Assert.InRange(clara.Cost, pam.Cost * (1 - 1e-12), double.PositiveInfinity);
    }

    [Fact]
    public void Clara_with_the_whole_set_as_sample_is_fasterpam_from_build()
    {
        var m = LineMatrix();
        var r = Clara.Fit(m, 2, samples: 3, sampleSize: 100, seed: 1);
        Assert.Equal(4.0, r.Cost);
        Assert.Equal(1, r.Iterations);
        Assert.Equal([1, 4], r.Medoids.Order().ToArray());
    }

    [Fact]
    public void Clara_refinement_by_hand()
    {
        // CLARA's refinement step (seeded draws are not hand-checkable, so the step itself is): line points {0,1,2} and
        // {10,11,12}, medoids {0, 3} (values 0 and 10; cost 0+1+2 + 0+1+2 = 6). With candidates {0, 2, 3} only,
        // swapping 0 → 2 gives 2+1+0 = 3 on the left, no gain, so nothing moves. With candidates {0, 1, 3, 4},
        // 0 → 1 and 3 → 4 each gain 1: the optimum {1, 4}, cost 4, in two swaps.
        var m = LineMatrix();
        var none = FasterPam.Fit(m, [0, 3], [0, 2, 3], 100);
        Assert.Equal([0, 3], none.Medoids);
        Assert.Equal(6.0, none.Cost);
        var best = FasterPam.Fit(m, [0, 3], [0, 1, 3, 4], 100);
        Assert.Equal([1, 4], best.Medoids.Order().ToArray());
        Assert.Equal(4.0, best.Cost);
        Assert.Equal(2, best.Swaps);
    }

    [Fact]
    public void Clara_refined_is_never_worse_than_classic_on_the_same_draws()
    {
        var rng = new Random(8);
        const int n = 600, d = 3;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 6 + (i / d % 6) * 4);
        var v = new VectorDissimilarity(x, n, d, DissimilarityMetric.Euclidean);
        int improved = 0;
        for (long seed = 1; seed <= 6; seed++)
        {
            var classic = Clara.Fit(v, 6, samples: 4, seed: seed, refine: ClaraRefine.None);
            var refined = Clara.Fit(v, 6, samples: 4, seed: seed);
            var every = Clara.Fit(v, 6, samples: 4, seed: seed, refine: ClaraRefine.Every);
            Assert.True(refined.Cost <= classic.Cost, $"seed {seed}: {refined.Cost} > {classic.Cost}");
            Assert.Equal(MedoidAssignment.Cost(v, refined.Medoids), refined.Cost);
            Assert.Equal(MedoidAssignment.Cost(v, every.Medoids), every.Cost);
            if (refined.Cost < classic.Cost) improved++;
        }
        Assert.True(improved > 0, "the refinement never moved a medoid on these draws");
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        var m = LineMatrix();
        Assert.Throws<ArgumentException>(() => FasterPam.Fit(m, [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FasterPam.Fit(m, [1, 6]));
        Assert.Throws<ArgumentException>(() => Pam.Fit(m, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pam.Fit(m, 0));
        Assert.Throws<ArgumentException>(() => new DenseDissimilarity(new double[5], 2));
        Assert.Throws<ArgumentException>(() => new CondensedDissimilarity(new double[2], 3));
    }
}

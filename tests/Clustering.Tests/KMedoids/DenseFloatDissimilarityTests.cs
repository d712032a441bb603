using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Clustering.Tests.KMedoids;

/// <summary>The float32 blocked pairwise kernel and FasterPAM's float scan: exact values where float is exact, agreement otherwise.</summary>
public class DenseFloatDissimilarityTests
{
    [Fact]
    public void Three_four_five_by_hand()
    {
        // (0,0), (3,4), (6,8): Euclidean 5, 10, 5; Manhattan 7, 14, 7; squared 25, 100, 25 (all exact in float)
        float[] x = [0, 0, 3, 4, 6, 8];
        var e = DenseFloatDissimilarity.FromVectors(x, 3, 2, DissimilarityMetric.Euclidean);
        Assert.Equal([0f, 5, 10, 5, 0, 5, 10, 5, 0], e.Values);
        var m = DenseFloatDissimilarity.FromVectors(x, 3, 2, DissimilarityMetric.Manhattan);
        Assert.Equal([0f, 7, 14, 7, 0, 7, 14, 7, 0], m.Values);
        var s = DenseFloatDissimilarity.FromVectors(x, 3, 2, DissimilarityMetric.SquaredEuclidean);
        Assert.Equal([0f, 25, 100, 25, 0, 25, 100, 25, 0], s.Values);
        Assert.Equal(10.0, e[2, 0]);
    }

    [Theory]
    [InlineData(DissimilarityMetric.Euclidean, 37, 5)]
    [InlineData(DissimilarityMetric.Manhattan, 37, 5)]
    [InlineData(DissimilarityMetric.SquaredEuclidean, 50, 33)]
    [InlineData(DissimilarityMetric.Euclidean, 1, 3)]
    [InlineData(DissimilarityMetric.Cosine, 21, 4)]
    public void Matches_the_double_values_and_is_symmetric_for_any_thread_count(DissimilarityMetric metric, int n, int d)
    {
        var rng = new Random(11);
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 20 - 10);
        var one = DenseFloatDissimilarity.FromVectors(x, n, d, metric, threads: 1);
        var two = DenseFloatDissimilarity.FromVectors(x, n, d, metric, threads: 2);
        Assert.Equal(one.Values, two.Values); // bit-identical: the same tiles, only scheduled differently
        var reused = DenseFloatDissimilarity.FromVectors(x, n, d, metric, reuse: new float[n * n]);
        Assert.Equal(one.Values, reused.Values);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0.0, one[i, i]);
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(one[i, j], one[j, i]);
                double exact = VectorDistance.Compute(x.AsSpan(i * d, d), x.AsSpan(j * d, d), metric);
                Assert.True(Math.Abs(one[i, j] - exact) <= 1e-5 * Math.Max(1, exact), $"({i},{j}): {one[i, j]} vs {exact}");
            }
        }
    }

    [Fact]
    public void FasterPam_on_float_storage_follows_the_double_run_by_hand()
    {
        // the Line example of KMedoidsUnitTests: from {0, 5}, swaps 0 → 1 then 5 → 4; cost 4
        float[] line = [0, 1, 2, 10, 11, 12];
        var r = FasterPam.Fit(DenseFloatDissimilarity.FromVectors(line, 6, 1, DissimilarityMetric.Euclidean), [0, 5]);
        Assert.Equal([1, 4], r.Medoids);
        Assert.Equal(4.0, r.Cost);
        Assert.Equal(2, r.Swaps);
        Assert.Equal(4.0, MedoidAssignment.ExactCost(line, 6, 1, DissimilarityMetric.Euclidean, r.Medoids));
    }

    [Fact]
    public void FasterPam_scans_agree_across_storages_on_integer_data()
    {
        // integer coordinates: every Manhattan distance is exact in float and double, so the dense double scan (8 lanes),
        // the float scan (16 lanes) and the generic scan must make the same swaps; n = 203 leaves SIMD tails
        var rng = new Random(5);
        const int n = 203, d = 3;
        var x = new float[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = rng.Next(0, 40) + (i / d % 4) * 50;
        var dense = DenseDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Manhattan);
        var f32 = DenseFloatDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Manhattan);
        var condensed = CondensedDissimilarity.FromVectors(x, n, d, DissimilarityMetric.Manhattan);
        int[] init = [0, 1, 2, 3, 4, 5];
        var a = FasterPam.Fit(dense, init);
        var b = FasterPam.Fit(f32, init);
        var c = FasterPam.Fit(condensed, init);
        Assert.Equal(a.Medoids, b.Medoids);
        Assert.Equal(a.Medoids, c.Medoids);
        Assert.Equal(a.Swaps, b.Swaps);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Cost, c.Cost);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(MedoidAssignment.Cost(dense, a.Medoids), a.Cost);
    }

    [Fact]
    public void Nearest_cost_by_hand_and_against_the_indexer()
    {
        // (0,0), (3,4), (6,8) with medoid 1: 5 + 0 + 5 = 10 (Euclidean), 7 + 0 + 7 = 14 (Manhattan)
        float[] x = [0, 0, 3, 4, 6, 8];
        Assert.Equal(10.0, PairwiseDistanceKernel.NearestCost(x, 3, 2, DissimilarityMetric.Euclidean, [1]));
        Assert.Equal(14.0, PairwiseDistanceKernel.NearestCost(x, 3, 2, DissimilarityMetric.Manhattan, [1]));
        Assert.Equal(25.0, PairwiseDistanceKernel.NearestCost(x, 3, 2, DissimilarityMetric.SquaredEuclidean, [0, 1]));

        // 19 medoids (two column tiles, the second partial), n = 103 (a partial row tile)
        var rng = new Random(2);
        const int n = 103, d = 7;
        var y = new float[n * d];
        for (int i = 0; i < y.Length; i++) y[i] = (float)(rng.NextDouble() * 10);
        int[] medoids = Enumerable.Range(0, 19).Select(i => i * 5).ToArray();
        foreach (var metric in new[] { DissimilarityMetric.Euclidean, DissimilarityMetric.Manhattan })
        {
            double expected = MedoidAssignment.ExactCost(y, n, d, metric, medoids);
            double got = PairwiseDistanceKernel.NearestCost(y, n, d, metric, medoids);
            Assert.True(Math.Abs(got - expected) <= 1e-5 * expected, $"{metric}: {got} vs {expected}");
        }
    }
}

namespace RadiologyNet.Clustering.Tests;

public class DistancesTests
{
    [Fact]
    public void SmallIntegerVectorsGiveExactValues()
    {
        float[] x = [1, 2, 3, 4];
        float[] y = [4, 6, 3, 0];
        Assert.Equal(9f + 16f + 0f + 16f, Distances.SquaredEuclidean(x, y));
        Assert.Equal(MathF.Sqrt(41f), Distances.Euclidean(x, y));
        Assert.Equal(3f + 4f + 0f + 4f, Distances.Manhattan(x, y));
        Assert.Equal(0f, Distances.SquaredEuclidean(x, x));
        Assert.Equal(0f, Distances.Cosine(x, x), 6);
    }

    [Fact]
    public void CosineOfOrthogonalOppositeAndZeroVectors()
    {
        Assert.Equal(1f, Distances.Cosine([1, 0], [0, 5]));
        Assert.Equal(2f, Distances.Cosine([3, 4], [-3, -4]));
        Assert.Equal(0f, Distances.Cosine([3, 4], [6, 8]), 6);
        Assert.Equal(1f, Distances.Cosine([0, 0], [1, 2])); // sklearn: zero vector has similarity 0
        // 1 - (3·4 + 4·3)/(5·5) = 1 - 24/25 = 0.04
        Assert.Equal(0.04f, Distances.Cosine([3, 4], [4, 3]), 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(1300)]
    public void LongVectorsMatchDoubleReference(int d)
    {
        var rng = new Random(d);
        float[] x = [.. Enumerable.Range(0, d).Select(_ => (float)rng.NextDouble() * 4 - 2)];
        float[] y = [.. Enumerable.Range(0, d).Select(_ => (float)rng.NextDouble() * 4 - 2)];
        double sq = 0, l1 = 0, dot = 0, xx = 0, yy = 0;
        for (int i = 0; i < d; i++)
        {
            double diff = (double)x[i] - y[i];
            sq += diff * diff;
            l1 += Math.Abs(diff);
            dot += (double)x[i] * y[i];
            xx += (double)x[i] * x[i];
            yy += (double)y[i] * y[i];
        }
        Assert.Equal(sq, Distances.SquaredEuclidean(x, y), sq * 1e-5);
        Assert.Equal(Math.Sqrt(sq), Distances.Euclidean(x, y), Math.Sqrt(sq) * 1e-5);
        Assert.Equal(l1, Distances.Manhattan(x, y), l1 * 1e-5);
        Assert.Equal(1 - dot / Math.Sqrt(xx * yy), Distances.Cosine(x, y), 1e-5);
    }

    [Fact]
    public void LengthMismatchThrows() =>
        Assert.Throws<ArgumentException>(() => Distances.SquaredEuclidean([1, 2], [1]));
}

public class NearestCentroidTests
{
    private static float[] Random(int count, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale)];
    }

    private static double Exact(ReadOnlySpan<float> x, ReadOnlySpan<float> c)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double diff = (double)x[i] - c[i];
            s += diff * diff;
        }
        return s;
    }

    /// <summary>n and k deliberately not multiples of the tiles (64 points; 4-row kernel; L2-sized centroid tiles).</summary>
    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(65, 5, 3)]
    [InlineData(200, 17, 7)]
    [InlineData(130, 37, 4097)] // d·4 bytes > centroid tile budget / k: several centroid tiles
    [InlineData(1000, 50, 64)]
    public void AssignMatchesBruteForce(int n, int d, int k)
    {
        float[] data = Random(n * d, n + d + k, 3f);
        float[] centroids = Random(k * d, 7 * k + d, 3f);
        var labels = new int[n];
        var sq = new float[n];
        NearestCentroid.Assign(data, n, d, centroids, k, labels, sq);
        int exactAgreement = 0;
        for (int i = 0; i < n; i++)
        {
            var x = data.AsSpan(i * d, d);
            int bestJ = 0;
            double best = double.PositiveInfinity, second = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double e = Exact(x, centroids.AsSpan(j * d, d));
                if (e < best) { second = best; best = e; bestJ = j; }
                else if (e < second) second = e;
            }
            double chosen = Exact(x, centroids.AsSpan(labels[i] * d, d));
            double tol = 1e-5 * (best + 1);
            Assert.True(chosen <= best + tol, $"point {i}: chose {labels[i]} at {chosen}, best {bestJ} at {best}");
            if (second - best > tol) { Assert.Equal(bestJ, labels[i]); exactAgreement++; }
            Assert.Equal(best, sq[i], tol);
            Assert.True(sq[i] >= 0);

            int nearest = NearestCentroid.Nearest(x, centroids, k, out float nd);
            Assert.True(Exact(x, centroids.AsSpan(nearest * d, d)) <= best + tol);
            Assert.Equal(best, nd, tol);
        }
        Assert.True(exactAgreement >= n * 9 / 10);
    }

    [Fact]
    public void TinyHandMadeCaseWithTieGoesToLowestIndex()
    {
        // points on a line; centroids at 0, 10 and 10 again (a duplicate: ties go to index 1)
        float[] data = [0, 0, 4, 0, 6, 0, 10, 0, 11, 0];
        float[] centroids = [0, 0, 10, 0, 10, 0];
        var labels = new int[5];
        var sq = new float[5];
        NearestCentroid.Assign(data, 5, 2, centroids, 3, labels, sq);
        Assert.Equal([0, 0, 1, 1, 1], labels);
        Assert.Equal([0f, 16f, 16f, 0f, 1f], sq);
        Assert.Equal(0, NearestCentroid.Nearest([5, 0], centroids, 3, out float d5)); // 25 to both 0 and 1: lowest index
        Assert.Equal(25f, d5);
        Assert.Equal(1, NearestCentroid.Nearest([12, 0], centroids, 3, out float d12)); // 1 and 2 tie
        Assert.Equal(4f, d12);
    }

    [Fact]
    public void ClampsCancellationToZero()
    {
        // far from the origin: the expansion cancels badly, yet a point equal to its centroid must give 0, not negative
        float[] data = [10000.1f, -20000.3f, 30000.7f];
        var labels = new int[1];
        var sq = new float[1];
        NearestCentroid.Assign(data, 1, 3, data, 1, labels, sq);
        Assert.Equal(0, labels[0]);
        Assert.True(sq[0] >= 0f);
    }

    [Fact]
    public void RejectsShortBuffers()
    {
        Assert.Throws<ArgumentException>(() => NearestCentroid.Assign(new float[4], 2, 2, new float[2], 1, new int[1], new float[2]));
        Assert.Throws<ArgumentException>(() => NearestCentroid.Assign(new float[3], 2, 2, new float[2], 1, new int[2], new float[2]));
    }
}

public class MacQueenTests
{
    [Fact]
    public void UpdateIsTheRunningMean()
    {
        float[] c = [0, 0];
        long count = 0;
        MacQueen.Update(c, ref count, [4, 8]);
        Assert.Equal([4f, 8f], c);
        Assert.Equal(1, count);
        MacQueen.Update(c, ref count, [2, 2]);
        Assert.Equal([3f, 5f], c);
        MacQueen.Update(c, ref count, [9, -1]);
        Assert.Equal([5f, 3f], c); // mean of (4,2,9) and (8,2,-1)
        Assert.Equal(3, count);
    }

    [Fact]
    public void AbsorbMergesABatchSum()
    {
        float[] c = [5, 3];
        long count = 3;
        MacQueen.Absorb(c, ref count, [11f, -3f], 2); // two points summing to (11, -3): (15 + 11)/5, (9 - 3)/5
        Assert.Equal([26f / 5f, 6f / 5f], c);
        Assert.Equal(5, count);
        MacQueen.Absorb(c, ref count, new double[] { 100, 100 }, 0);
        Assert.Equal([26f / 5f, 6f / 5f], c);
        Assert.Equal(5, count);

        float[] fresh = [123, 456];
        long zero = 0;
        MacQueen.Absorb(fresh, ref zero, new double[] { 6, 9 }, 3);
        Assert.Equal([2f, 3f], fresh);
        Assert.Equal(3, zero);
    }

    [Fact]
    public void AbsorbEqualsRepeatedUpdates()
    {
        float[][] points = [[1, 2], [3, 4], [5, -6], [7, 8]];
        float[] a = [0, 0];
        long ca = 0;
        foreach (var p in points) MacQueen.Update(a, ref ca, p);
        float[] b = [0, 0];
        long cb = 0;
        var sum = new double[2];
        foreach (var p in points) MacQueen.Accumulate(sum, p);
        MacQueen.Absorb(b, ref cb, sum, points.Length);
        Assert.Equal([4f, 2f], b);
        Assert.Equal(a, b);
        Assert.Equal(ca, cb);
    }

    [Fact]
    public void RejectsMismatchedLengths()
    {
        long count = 0;
        Assert.Throws<ArgumentException>(() => MacQueen.Update(new float[2], ref count, new float[3]));
    }
}

public class KMeansPlusPlusTests
{
    private static float[] Blobs(int perBlob, out int n)
    {
        var rng = new Random(42);
        float[][] centers = [[0, 0], [100, 0], [0, 100], [100, 100]];
        var data = new List<float>();
        foreach (var c in centers)
            for (int i = 0; i < perBlob; i++)
            {
                data.Add(c[0] + (float)rng.NextDouble());
                data.Add(c[1] + (float)rng.NextDouble());
            }
        n = perBlob * centers.Length;
        return [.. data];
    }

    [Fact]
    public void DeterministicForASeed()
    {
        float[] data = Blobs(50, out int n);
        var a = KMeansPlusPlus.Initialize(data, n, 2, 4, seed: 7);
        var b = KMeansPlusPlus.Initialize(data, n, 2, 4, seed: 7);
        Assert.Equal(a, b);
        Assert.Equal(KMeansPlusPlus.SelectIndices(data, n, 2, 4, 7), KMeansPlusPlus.SelectIndices(data, n, 2, 4, 7));
        var seeds = Enumerable.Range(0, 10).Select(s => string.Join(",", KMeansPlusPlus.SelectIndices(data, n, 2, 4, s))).Distinct();
        Assert.True(seeds.Count() > 1, "different seeds should pick different points");
    }

    [Fact]
    public void PicksOnePointPerWellSeparatedBlob()
    {
        float[] data = Blobs(50, out int n);
        for (int seed = 0; seed < 20; seed++)
        {
            int[] idx = KMeansPlusPlus.SelectIndices(data, n, 2, 4, seed);
            Assert.Equal(4, idx.Select(i => i / 50).Distinct().Count());
            float[] c = KMeansPlusPlus.Initialize(data, n, 2, 4, seed);
            for (int j = 0; j < 4; j++) Assert.Equal(data.AsSpan(idx[j] * 2, 2).ToArray(), c.AsSpan(j * 2, 2).ToArray());
        }
    }

    [Fact]
    public void DuplicatePointsAndKEqualsN()
    {
        float[] same = [1, 1, 1, 1, 1, 1];
        Assert.Equal(3, KMeansPlusPlus.SelectIndices(same, 3, 2, 3, 0).Length);
        Assert.Throws<ArgumentException>(() => KMeansPlusPlus.Initialize(same, 3, 2, 4, 0));
    }
}

public class LloydTests
{
    [Fact]
    public void TinyHandMadeCase()
    {
        // 1-d points 0, 1, 2, 10, 11, 12; init at 0 and 1: converges to means 1 and 11
        float[] data = [0, 1, 2, 10, 11, 12];
        var r = Lloyd.Run(data, 6, 1, [0f, 1f], 2, tolerance: 0);
        Assert.Equal([0, 0, 0, 1, 1, 1], r.Labels);
        Assert.Equal([1f, 11f], r.Centroids);
        Assert.Equal(4.0, r.Inertia);
        Assert.True(r.Converged);
        // passes: {0}|{1..12} → means 0, 7.2; {0,1,2}|{10,11,12}; then unchanged
        Assert.Equal(3, r.Iterations);
    }

    [Fact]
    public void EmptyClusterIsReseededAtTheFarthestPoint()
    {
        // centroid 2 at 1000 gets nothing; it is moved to the point farthest from its centre (12, at 0's cluster → 10.x)
        float[] data = [0, 1, 2, 10, 11, 12];
        var r = Lloyd.Run(data, 6, 1, [0f, 11f, 1000f], 3, tolerance: 0);
        Assert.True(r.EmptyClusterRelocations >= 1);
        Assert.Equal(3, r.Labels.Distinct().Count());
        Assert.True(r.Inertia < 4.0);
    }

    [Fact]
    public void IterationCapRunsTheFinalAssignment()
    {
        float[] data = [0, 1, 2, 10, 11, 12];
        var r = Lloyd.Run(data, 6, 1, [0f, 1f], 2, maxIterations: 1, tolerance: 0);
        Assert.Equal(1, r.Iterations);
        Assert.False(r.Converged);
        // centres after one pass: 0 and 7.2; labels re-assigned to them
        Assert.Equal([0f, 7.2f], r.Centroids);
        Assert.Equal([0, 0, 0, 1, 1, 1], r.Labels);
    }

    [Fact]
    public void KMeansFitSeparatesBlobs()
    {
        var rng = new Random(1);
        var data = new float[300 * 3];
        for (int i = 0; i < 300; i++)
            for (int f = 0; f < 3; f++) data[i * 3 + f] = (i / 100) * 50 + (float)rng.NextDouble();
        var r = KMeans.Fit(data, 300, 3, 3, seed: 5, nInit: 3);
        Assert.Equal(3, r.Labels.Distinct().Count());
        for (int i = 0; i < 300; i++) Assert.Equal(r.Labels[i / 100 * 100], r.Labels[i]);
        Assert.Equal(1.0, LabelAgreement.Score([.. Enumerable.Range(0, 300).Select(i => i / 100)], r.Labels).AdjustedRand);
    }
}

public class LabelEncoderAndTableTests
{
    [Fact]
    public void EncodesOrdinally()
    {
        int[] codes = LabelEncoder.Encode(["MR", "CT", "mr", "CT", "Ct"], out string[] classes);
        Assert.Equal(["CT", "Ct", "MR", "mr"], classes);
        Assert.Equal([2, 0, 3, 0, 1], codes);
        Assert.Empty(LabelEncoder.Encode([], out string[] none));
        Assert.Empty(none);
    }

    [Fact]
    public void ContingencyOfSmallLabelings()
    {
        var t = ContingencyTable.Create([5, 5, -1, 3, 3, 3], [0, 2, 2, 0, 0, 9]);
        Assert.Equal([-1, 3, 5], t.RowLabels);
        Assert.Equal([0, 2, 9], t.ColumnLabels);
        Assert.Equal(new long[,] { { 0, 1, 0 }, { 2, 0, 1 }, { 1, 1, 0 } }, t.ToDense());
        Assert.Equal([1L, 3, 2], t.RowSums);
        Assert.Equal([3L, 2, 1], t.ColumnSums);
        Assert.Equal(6, t.Total);
        Assert.Equal(5, t.NonZeroCount);
        Assert.Equal([(0, 1, 1L), (1, 0, 2L), (1, 2, 1L), (2, 0, 1L), (2, 1, 1L)], t.NonZeroCells().ToArray());
        Assert.Throws<ArgumentException>(() => ContingencyTable.Create([1, 2], [1]));
    }

    [Fact]
    public void SklearnDocstringValues()
    {
        Assert.Equal(0.5714285714285714, AdjustedRandIndex.Score([0, 0, 1, 2], [0, 0, 1, 1]), 15);
        Assert.Equal(0.5714285714285714, AdjustedRandIndex.Score([0, 0, 1, 1], [0, 0, 1, 2]), 15);
        Assert.Equal(-0.5, AdjustedRandIndex.Score([0, 0, 1, 1], [0, 1, 0, 1]));
        var s = LabelAgreement.Score([0, 0, 1, 1], [1, 1, 0, 0]);
        Assert.Equal(1.0, s.Homogeneity);
        Assert.Equal(1.0, s.NmiArithmetic);
        Assert.Equal(1.0, s.AmiArithmetic);
        Assert.Equal(Math.Log(2), s.MutualInformation, 15);
    }
}

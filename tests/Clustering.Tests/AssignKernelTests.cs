namespace RadiologyNet.Clustering.Tests;

/// <summary>The packed 4×4 assignment kernel: thread-count independence, padding of k and d, and exact small cases.</summary>
public class AssignKernelTests
{
    [Theory]
    [InlineData(4099, 37, 7)]   // n not a multiple of 4 or of the chunk; d with a SIMD tail; k padded to 8
    [InlineData(2500, 512, 50)]
    public void ParallelismDoesNotChangeAnyResult(int n, int d, int k)
    {
        var rng = new Random(n + d + k);
        float[] x = [.. Enumerable.Range(0, n * d).Select(_ => (float)rng.NextDouble())];
        float[] c = [.. Enumerable.Range(0, k * d).Select(_ => (float)rng.NextDouble())];
        var l1 = new int[n];
        var s1 = new float[n];
        var l2 = new int[n];
        var s2 = new float[n];
        NearestCentroid.Assign(x, n, d, c, k, l1, s1, parallelism: 1);
        NearestCentroid.Assign(x, n, d, c, k, l2, s2, parallelism: 2);
        Assert.Equal(l1, l2);
        Assert.Equal(s1, s2);
    }

    [Fact]
    public void IntegerDataGiveExactDistancesAcrossThePaddedPanel()
    {
        // 5 points (one past the 4-row block), d = 20 (16 + a tail of 4), k = 5 (padded to 8): integers are exact in float.
        int n = 5, d = 20, k = 5;
        float[] c = new float[k * d];
        for (int j = 0; j < k; j++) c[j * d + j] = 10 * (j + 1);          // centroid j: 10(j+1) on axis j
        float[] x = new float[n * d];
        for (int p = 0; p < n; p++) { x[p * d + p] = 10 * (p + 1) - 1; x[p * d + 19] = 2; } // near centroid p, 2 on the tail axis
        var labels = new int[n];
        var sq = new float[n];
        NearestCentroid.Assign(x, n, d, c, k, labels, sq);
        Assert.Equal([0, 1, 2, 3, 4], labels);
        Assert.Equal([5f, 5f, 5f, 5f, 5f], sq);                               // 1² + 2²
    }

    [Theory]
    [InlineData(10, 13, 5)]    // n not a multiple of 4, d with a tail of 5 past the 8-wide blocks, k padded to 8
    [InlineData(403, 64, 9)]
    public void LloydsBlockedDoubleKernelAgreesWithElkansDirectDistances(int n, int d, int k)
    {
        var rng = new Random(n * d + k);
        float[] x = [.. Enumerable.Range(0, n * d).Select(i => (float)(rng.NextDouble() + (i / d % k)))];
        float[] init = x[..(k * d)];
        var lloyd = Lloyd.Run(x, n, d, init, k, 100, 0);
        var elkan = Elkan.Run(x, n, d, init, k, 100, 0);
        Assert.Equal(elkan.Labels, lloyd.Labels);
        Assert.Equal(elkan.Iterations, lloyd.Iterations);
        Assert.Equal(elkan.Inertia, lloyd.Inertia, elkan.Inertia * 1e-12);
    }
}

namespace RadiologyNet.Clustering.Tests;

/// <summary>Spark-style streaming k-means: exact hand-computed updates, decay units, half-life and the dying-cluster split.</summary>
public class StreamingKMeansTests
{
    [Fact]
    public void BatchDecayGivesSparksUpdate()
    {
        var model = new StreamingKMeans([0f, 10f], 2, 1, decayFactor: 0.5, initialWeights: [1.0, 1.0]);
        int[] labels = model.Update([1f, 2f, 11f], 3);
        Assert.Equal([0, 0, 1], labels);
        // weights 1·0.5 + 2 = 2.5 and 0.5 + 1 = 1.5; λ0 = 0.8 → c0 = 0.2·0 + 0.8·1.5 = 1.2; λ1 = 2/3 → c1 = 10/3 + 22/3 = 32/3
        Assert.Equal([2.5, 1.5], model.Weights.ToArray());
        Assert.Equal(1.2, model.Centers[0], 14);
        Assert.Equal(32.0 / 3, model.Centers[1], 13);
        Assert.Equal(0, model.Splits);
    }

    [Fact]
    public void PointDecayDiscountsByDecayToTheBatchSize()
    {
        var model = new StreamingKMeans([0f], 1, 1, decayFactor: 0.5, timeUnit: DecayUnit.Points, initialWeights: [8.0]);
        model.Update([4f, 4f, 4f], 3);
        // 8 · 0.5³ = 1, + 3 = 4; λ = 3/4 → c = 0.25·0 + 0.75·4 = 3
        Assert.Equal(4.0, model.Weights[0]);
        Assert.Equal(3.0, model.Centers[0]);
    }

    [Fact]
    public void HalfLifeConvertsAsSpark()
    {
        Assert.Equal(Math.Sqrt(0.5), StreamingKMeans.HalfLifeToDecayFactor(2), 15);
        Assert.Equal(0.5, StreamingKMeans.HalfLifeToDecayFactor(1), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamingKMeans.HalfLifeToDecayFactor(0));
    }

    [Fact]
    public void DyingClusterSplitsTheLargest()
    {
        var model = new StreamingKMeans([0f, 10f], 2, 1);
        model.Update([1f, 2f], 2);
        // cluster 1 has weight 0 < 1e-8 · 2: split cluster 0 (centre 1.5): weights (2 + 0)/2 = 1, centres 1.5 ± 1.5e-14
        Assert.Equal(1, model.Splits);
        Assert.Equal([1.0, 1.0], model.Weights.ToArray());
        Assert.Equal(1.5 + 1.5e-14, model.Centers[0]);
        Assert.Equal(1.5 - 1.5e-14, model.Centers[1]);
    }

    [Fact]
    public void NoDecayPointAtATimeIsMacQueensRunningMean()
    {
        var rng = new Random(3);
        float[] points = [.. Enumerable.Range(0, 200).Select(_ => (float)rng.NextDouble())];
        var model = new StreamingKMeans([0.5f, 0.5f], 1, 2, initialWeights: [0.0]);
        for (int p = 0; p < 100; p++) model.Update(points.AsSpan(p * 2, 2), 1);
        double mx = 0, my = 0;
        for (int p = 0; p < 100; p++) { mx += points[2 * p]; my += points[2 * p + 1]; }
        Assert.Equal(mx / 100, model.Centers[0], 12);
        Assert.Equal(my / 100, model.Centers[1], 12);
        Assert.Equal(100.0, model.Weights[0]);
    }
}

/// <summary>Mini-batch k-means and k-means|| seeding.</summary>
public class MiniBatchAndParallelInitTests
{
    private static float[] Blobs(int perBlob, out int[] truth)
    {
        var rng = new Random(11);
        double[][] centres = [[0, 0], [20, 0], [0, 20], [20, 20]];
        var data = new List<float>();
        var t = new List<int>();
        for (int i = 0; i < perBlob * 4; i++)
        {
            int c = i % 4;
            data.Add((float)(centres[c][0] + rng.NextDouble()));
            data.Add((float)(centres[c][1] + rng.NextDouble()));
            t.Add(c);
        }
        truth = [.. t];
        return [.. data];
    }

    [Fact]
    public void MiniBatchSingleStepIsExactAndRunsAreDeterministic()
    {
        // one point, one centre: every step moves the centre to (1 − 1/v)c + x/v = x from the first step on
        var r = MiniBatchKMeans.Fit([5f, -3f], 1, 2, [0f, 0f], 1, seed: 1, batchSize: 3, maxIterations: 2);
        Assert.Equal([5.0, -3.0], r.CentroidsDouble);
        Assert.Equal(0.0, r.Inertia);
        Assert.Equal(2, r.Iterations);

        float[] data = Blobs(250, out int[] truth);
        float[] init = [0, 0, 21, 0, 0, 21, 21, 21];
        var a = MiniBatchKMeans.Fit(data, 1000, 2, init, 4, seed: 7, batchSize: 64, maxIterations: 50);
        var b = MiniBatchKMeans.Fit(data, 1000, 2, init, 4, seed: 7, batchSize: 64, maxIterations: 50);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
        Assert.Equal(truth, a.Labels);
    }

    [Fact]
    public void KMeansParallelSeedsOneCentrePerBlobDeterministically()
    {
        float[] data = Blobs(250, out int[] truth);
        float[] init = KMeansParallel.Initialize(data, 1000, 2, 4, seed: 3);
        Assert.Equal(init, KMeansParallel.Initialize(data, 1000, 2, 4, seed: 3));
        var labels = new int[1000];
        var sq = new float[1000];
        NearestCentroid.Assign(data, 1000, 2, init, 4, labels, sq);
        Assert.Equal(1.0, LabelAgreement.Score(truth, labels).AdjustedRand, 12);
        // n == k: every point is a centre
        float[] three = [1, 2, 3];
        float[] all = KMeansParallel.Initialize(three, 3, 1, 3, seed: 1);
        Assert.Equal([1f, 2f, 3f], all.Order().ToArray());
    }
}

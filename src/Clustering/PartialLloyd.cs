namespace RadiologyNet.Clustering;

/// <summary>Per-cluster totals of one assignment pass: counts (k), vector sums (k×d) and sums of squared norms (k).</summary>
public sealed record PartialTotals(long[] Counts, double[] Sums, double[] SquaredNorms);

/// <summary>The centres Lloyd's iterations reached from partial sums, and how.</summary>
/// <param name="Centres">k×d row-major.</param>
/// <param name="Iterations">Assignment-and-update passes run.</param>
/// <param name="Converged">Whether the total squared shift fell to the tolerance before the iteration cap.</param>
/// <param name="KMeansCost">The k-means cost of the last pass's assignment.</param>
public sealed record PartialLloydResult(float[] Centres, int Iterations, bool Converged, double KMeansCost);

/// <summary>
/// Lloyd's algorithm (Lloyd 1982) where each iteration is one assignment pass somewhere else (over the shards of an
/// archive) that returns only per-cluster totals: the update step and stopping rule are <see cref="KMeans"/>'s
/// (sklearn's relative tolerance on the total squared centre shift, at most <c>maxIterations</c> passes). Two
/// differences from <see cref="Lloyd"/>: no strict-convergence test on the labels (the pass keeps none) and an empty
/// cluster keeps its centre instead of being re-seeded at a far point.
/// </summary>
public static class PartialLloyd
{
    /// <summary>
    /// k-means++ seeding of k centres on the n×d <paramref name="sample"/>, with the run seed <c>KMeans.Fit</c>'s first
    /// run derives from <paramref name="seed"/>: on the whole data it gives <c>KMeans.Fit</c>'s initial centres.
    /// </summary>
    public static float[] Seed(ReadOnlySpan<float> sample, int n, int d, int k, int seed) =>
        KMeansPlusPlus.Initialize(sample, n, d, k, (int)(new SeededRandom(seed).NextUInt64() >> 33));

    /// <summary>Runs the iterations from <paramref name="initial"/> (k×d); <paramref name="pass"/> assigns every row to its nearest of the given centres.</summary>
    public static async Task<PartialLloydResult> RunAsync(float[] initial, int k, int d, Func<float[], Task<PartialTotals>> pass,
        int maxIterations = 300, double tolerance = 1e-4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (initial.Length != k * d) throw new ArgumentException($"initial centres hold {initial.Length} values, not {k}×{d}");
        var centres = (float[])initial.Clone();
        double? tol = null;
        for (var i = 1; ; i++)
        {
            var totals = await pass((float[])centres.Clone());
            tol ??= tolerance * PartialSums.MeanVariance(totals.Sums, totals.Counts, totals.SquaredNorms, k, d);
            var cost = PartialSums.KMeansCost(totals.Sums, totals.Counts, totals.SquaredNorms, k, d);
            var shift = PartialSums.Update(centres, totals.Sums, totals.Counts, k, d);
            if (shift <= tol) return new PartialLloydResult(centres, i, true, cost);
            if (i >= maxIterations) return new PartialLloydResult(centres, i, false, cost);
        }
    }
}

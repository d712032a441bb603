namespace RadiologyNet.Clustering;

/// <summary>
/// k-means++ seeding: Arthur &amp; Vassilvitskii (2007), "k-means++: The advantages of careful seeding", SODA.
/// The greedy variant of scikit-learn's <c>_kmeans_plusplus</c>: the first centre is a uniform random point;
/// each next centre is the best (lowest resulting potential) of 2 + ⌊ln k⌋ candidates drawn with probability
/// proportional to D(x)², the squared distance to the nearest centre chosen so far. Deterministic for a seed
/// (our own xoshiro256** stream, so the picks differ from scikit-learn's, not the method).
/// </summary>
public static class KMeansPlusPlus
{
    /// <summary>The k initial centroids (k × d, row-major), copies of data rows.</summary>
    public static float[] Initialize(ReadOnlySpan<float> data, int n, int d, int k, int seed)
    {
        int[] indices = SelectIndices(data, n, d, k, seed);
        var centroids = new float[k * d];
        for (int j = 0; j < k; j++) data.Slice(indices[j] * d, d).CopyTo(centroids.AsSpan(j * d, d));
        return centroids;
    }

    /// <summary>The row indices of the points chosen as initial centroids, in the order chosen.</summary>
    public static int[] SelectIndices(ReadOnlySpan<float> data, int n, int d, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (n < k) throw new ArgumentException($"k-means++ needs at least k = {k} points, got n = {n}.", nameof(n));
        if (data.Length < (long)n * d)
            throw new ArgumentException($"data holds {data.Length} < n·d = {(long)n * d} values.", nameof(data));

        var rng = new SeededRandom(seed);
        int trials = 2 + (int)Math.Log(k);
        var indices = new int[k];
        indices[0] = rng.NextInt(n);

        var closest = new double[n];
        var first = data.Slice(indices[0] * d, d);
        double potential = 0;
        for (int i = 0; i < n; i++)
        {
            closest[i] = Distances.SquaredEuclidean(data.Slice(i * d, d), first);
            potential += closest[i];
        }

        var cumulative = new double[n];
        var candidateIds = new int[trials];
        var candidate = new double[n];
        var bestCandidate = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            for (int t = 0; t < trials; t++)
            {
                double r = rng.NextDouble() * potential;
                int id = SortedSearch.LowerBound(cumulative, r); // numpy searchsorted(side='left')
                candidateIds[t] = Math.Min(id, n - 1);
            }

            double bestPotential = double.PositiveInfinity;
            int bestId = candidateIds[0];
            for (int t = 0; t < trials; t++)
            {
                var x = data.Slice(candidateIds[t] * d, d);
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    double dist = Distances.SquaredEuclidean(data.Slice(i * d, d), x);
                    candidate[i] = Math.Min(closest[i], dist);
                    pot += candidate[i];
                }
                if (pot < bestPotential)
                {
                    bestPotential = pot;
                    bestId = candidateIds[t];
                    (candidate, bestCandidate) = (bestCandidate, candidate);
                }
            }
            indices[c] = bestId;
            potential = bestPotential;
            (closest, bestCandidate) = (bestCandidate, closest);
        }
        return indices;
    }
}

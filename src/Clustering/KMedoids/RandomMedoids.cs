namespace RadiologyNet.Clustering.KMedoids;

/// <summary>Random initialisation: k distinct objects drawn uniformly (a partial Fisher–Yates shuffle of our seeded xoshiro256** stream).</summary>
public static class RandomMedoids
{
    /// <summary>k distinct indices in [0, n), deterministic for <paramref name="seed"/>.</summary>
    public static int[] Select(int n, int k, long seed)
    {
        MedoidAssignment.ValidateK(n, k);
        return Sample(n, k, new SeededRandom(seed));
    }

    internal static int[] Sample(int n, int k, SeededRandom rng)
    {
        // Sparse Fisher–Yates: only the touched positions of the virtual permutation 0..n−1 are stored.
        var swapped = new Dictionary<int, int>();
        var result = new int[k];
        for (int i = 0; i < k; i++)
        {
            int r = i + rng.NextInt(n - i);
            int atR = swapped.TryGetValue(r, out int vr) ? vr : r;
            int atI = swapped.TryGetValue(i, out int vi) ? vi : i;
            swapped[r] = atI;
            result[i] = atR;
        }
        return result;
    }
}

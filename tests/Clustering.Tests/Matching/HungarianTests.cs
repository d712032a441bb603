using RadiologyNet.Clustering.Matching;
using Xunit;

namespace RadiologyNet.Clustering.Tests.Matching;

public sealed class HungarianTests
{
    [Fact]
    public void Solves_the_textbook_example_exactly()
    {
        // Classic 3×3 example: the optimum 0→1, 1→0, 2→2 costs 1 + 2 + 2 = 5.
        double[] cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        var assignment = Hungarian.Solve(cost, 3);
        Assert.Equal([1, 0, 2], assignment);
        Assert.Equal(5.0, Hungarian.Cost(cost, 3, assignment));
    }

    [Fact]
    public void Finds_the_identity_when_the_diagonal_is_cheapest()
    {
        double[] cost = [0, 9, 9, 9, 9, 0, 9, 9, 9, 9, 0, 9, 9, 9, 9, 0];
        Assert.Equal([0, 1, 2, 3], Hungarian.Solve(cost, 4));
    }

    [Fact]
    public void Recovers_a_permutation_of_centroids()
    {
        // Old centroids, and the same centroids permuted and nudged: matching must undo the permutation.
        var rng = new Random(7);
        const int k = 12, d = 5;
        var old = new float[k * d];
        for (var i = 0; i < old.Length; i++) old[i] = (float)(rng.NextDouble() * 10);
        int[] permutation = [3, 7, 0, 11, 5, 1, 9, 2, 10, 4, 8, 6];
        var moved = new float[k * d];
        for (var i = 0; i < k; i++)
            for (var x = 0; x < d; x++)
                moved[permutation[i] * d + x] = old[i * d + x] + (float)(rng.NextDouble() * 0.01);
        var cost = new double[k * k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
                cost[i * k + j] = Distances.Euclidean(old.AsSpan(i * d, d), moved.AsSpan(j * d, d));
        Assert.Equal(permutation, Hungarian.Solve(cost, k));
    }

    [Fact]
    public void Matches_brute_force_on_random_matrices()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = 1 + trial % 6;
            var cost = new double[n * n];
            for (var i = 0; i < cost.Length; i++) cost[i] = rng.Next(0, 20) - 5;
            var best = BruteForce(cost, n);
            Assert.Equal(best, Hungarian.Cost(cost, n, Hungarian.Solve(cost, n)));
        }
    }

    [Fact]
    public void Rejects_a_non_square_or_non_finite_matrix()
    {
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(new double[5], 2));
        Assert.Throws<ArgumentException>(() => Hungarian.Solve(new[] { 1.0, double.NaN, 0, 1 }, 2));
        Assert.Empty(Hungarian.Solve([], 0));
    }

    private static double BruteForce(double[] cost, int n)
    {
        var best = double.PositiveInfinity;
        var perm = Enumerable.Range(0, n).ToArray();
        void Recurse(int at)
        {
            if (at == n)
            {
                best = Math.Min(best, Hungarian.Cost(cost, n, perm));
                return;
            }
            for (var i = at; i < n; i++)
            {
                (perm[at], perm[i]) = (perm[i], perm[at]);
                Recurse(at + 1);
                (perm[at], perm[i]) = (perm[i], perm[at]);
            }
        }
        Recurse(0);
        return best;
    }
}

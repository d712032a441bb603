namespace RadiologyNet.Clustering.Matching;

/// <summary>
/// Minimum-cost perfect assignment of rows to columns of a square cost matrix: the Hungarian method
/// (H. W. Kuhn, "The Hungarian method for the assignment problem", Naval Research Logistics Quarterly 2, 1955;
/// J. Munkres, "Algorithms for the assignment and transportation problems", J. SIAM 5, 1957), in the O(n³)
/// shortest-augmenting-path form with row and column potentials. Used to keep cluster ids stable across
/// refinements: old centroids are matched to new ones at minimum total distance.
/// </summary>
public static class Hungarian
{
    /// <summary>
    /// Solves the assignment for an n×n row-major cost matrix; returns, for each row, the column assigned to it.
    /// Costs must be finite.
    /// </summary>
    public static int[] Solve(ReadOnlySpan<double> cost, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
        if (cost.Length != n * n) throw new ArgumentException($"cost has {cost.Length} entries, not {n}×{n}");
        foreach (var c in cost)
            if (!double.IsFinite(c)) throw new ArgumentException("costs must be finite");

        // 1-based potentials u (rows), v (columns); p[j] = row matched to column j; column 0 is the virtual start.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        var minv = new double[n + 1];
        var used = new bool[n + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var reduced = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
                    if (reduced < minv[j])
                    {
                        minv[j] = reduced;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }

        var assignment = new int[n];
        for (var j = 1; j <= n; j++) assignment[p[j] - 1] = j - 1;
        return assignment;
    }

    /// <summary>The total cost of an assignment.</summary>
    public static double Cost(ReadOnlySpan<double> cost, int n, ReadOnlySpan<int> assignment)
    {
        var total = 0.0;
        for (var i = 0; i < n; i++) total += cost[i * n + assignment[i]];
        return total;
    }
}

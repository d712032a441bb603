namespace RadiologyNet.Clustering;

/// <summary>
/// Exact k-nearest-neighbour search by brute force over the rows of a matrix: one pass, a bounded max-heap of the
/// best k so far (the selection of Knuth, TAOCP vol. 3, §5.2.3). Deterministic: ties are broken by a caller key.
/// </summary>
public static class NearestRows
{
    /// <summary>A row and its distance to the query.</summary>
    public readonly record struct Hit(int Row, float Distance);

    /// <summary>
    /// The <paramref name="count"/> rows of the n×d matrix nearest to <paramref name="query"/>, nearest first; equal distances
    /// are ordered by <paramref name="tieKey"/> of the row (ordinal). Rows for which <paramref name="skip"/> is true are left out.
    /// </summary>
    public static IReadOnlyList<Hit> Find(ReadOnlySpan<float> query, ReadOnlySpan<float> data, int n, int count, bool manhattan,
        Func<int, string> tieKey, Func<int, bool>? skip = null)
    {
        var d = query.Length;
        if (data.Length != n * d) throw new ArgumentException($"data holds {data.Length} values, not {n}×{d}");
        if (count <= 0 || n == 0) return [];
        var comparer = Comparer<(float Distance, string Key)>.Create((a, b) =>
        {
            var c = b.Distance.CompareTo(a.Distance);
            return c != 0 ? c : string.CompareOrdinal(b.Key, a.Key);
        });
        // The heap's root is the worst of the best so far (largest distance, then largest key).
        var heap = new PriorityQueue<int, (float Distance, string Key)>(comparer);
        for (var i = 0; i < n; i++)
        {
            if (skip?.Invoke(i) == true) continue;
            var row = data.Slice(i * d, d);
            var distance = manhattan ? Distances.Manhattan(query, row) : Distances.Euclidean(query, row);
            var priority = (distance, tieKey(i));
            if (heap.Count < count)
            {
                heap.Enqueue(i, priority);
            }
            else if (heap.TryPeek(out _, out var worst) && comparer.Compare(priority, worst) > 0)
            {
                heap.DequeueEnqueue(i, priority);
            }
        }
        var hits = new List<(int Row, float Distance, string Key)>(heap.Count);
        while (heap.TryDequeue(out var row, out var p)) hits.Add((row, p.Distance, p.Key));
        return hits.OrderBy(h => h.Distance).ThenBy(h => h.Key, StringComparer.Ordinal).Select(h => new Hit(h.Row, h.Distance)).ToList();
    }
}

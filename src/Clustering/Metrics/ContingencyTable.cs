namespace RadiologyNet.Clustering;

/// <summary>
/// Contingency table of two labelings (as scikit-learn's <c>contingency_matrix</c>): rows are the sorted
/// distinct values of the true labels, columns the sorted distinct values of the predicted labels, and cell
/// (i, j) counts the samples with true label <c>RowLabels[i]</c> and predicted label <c>ColumnLabels[j]</c>.
/// Only label values that occur have a row or column. Stored sparsely (non-zero cells in row-major order),
/// so all-singleton labelings of large n stay O(n).
/// </summary>
public sealed class ContingencyTable
{
    private readonly int[] _cellRowStart; // length Rows + 1, into _cellColumns/_cellCounts
    private readonly int[] _cellColumns;
    private readonly long[] _cellCounts;

    private ContingencyTable(int[] rowLabels, int[] columnLabels, long[] rowSums, long[] columnSums,
        int[] cellRowStart, int[] cellColumns, long[] cellCounts, long total)
    {
        RowLabels = rowLabels;
        ColumnLabels = columnLabels;
        RowSums = rowSums;
        ColumnSums = columnSums;
        _cellRowStart = cellRowStart;
        _cellColumns = cellColumns;
        _cellCounts = cellCounts;
        Total = total;
    }

    /// <summary>Sorted distinct true labels (one per row).</summary>
    public int[] RowLabels { get; }

    /// <summary>Sorted distinct predicted labels (one per column).</summary>
    public int[] ColumnLabels { get; }

    /// <summary>Row sums (class sizes).</summary>
    public long[] RowSums { get; }

    /// <summary>Column sums (cluster sizes).</summary>
    public long[] ColumnSums { get; }

    /// <summary>Number of samples.</summary>
    public long Total { get; }

    public int Rows => RowLabels.Length;

    public int Columns => ColumnLabels.Length;

    /// <summary>Number of non-zero cells.</summary>
    public int NonZeroCount => _cellCounts.Length;

    /// <summary>The count in row <paramref name="row"/>, column <paramref name="column"/> (0 when absent).</summary>
    public long this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
            int lo = _cellRowStart[row], len = _cellRowStart[row + 1] - lo;
            int at = Array.BinarySearch(_cellColumns, lo, len, column);
            return at >= 0 ? _cellCounts[at] : 0;
        }
    }

    /// <summary>The non-zero cells in row-major order (row ascending, then column ascending).</summary>
    public IEnumerable<(int Row, int Column, long Count)> NonZeroCells()
    {
        for (int r = 0; r < Rows; r++)
            for (int p = _cellRowStart[r]; p < _cellRowStart[r + 1]; p++)
                yield return (r, _cellColumns[p], _cellCounts[p]);
    }

    internal ReadOnlySpan<int> CellRowStart => _cellRowStart;
    internal ReadOnlySpan<int> CellColumns => _cellColumns;
    internal ReadOnlySpan<long> CellCounts => _cellCounts;

    /// <summary>The dense Rows × Columns table.</summary>
    public long[,] ToDense()
    {
        var dense = new long[Rows, Columns];
        for (int r = 0; r < Rows; r++)
            for (int p = _cellRowStart[r]; p < _cellRowStart[r + 1]; p++)
                dense[r, _cellColumns[p]] = _cellCounts[p];
        return dense;
    }

    /// <summary>Builds the table of two labelings of equal length.</summary>
    public static ContingencyTable Create(ReadOnlySpan<int> labelsTrue, ReadOnlySpan<int> labelsPred)
    {
        if (labelsTrue.Length != labelsPred.Length)
            throw new ArgumentException(
                $"labelsTrue and labelsPred must have the same length ({labelsTrue.Length} != {labelsPred.Length}).",
                nameof(labelsPred));
        int n = labelsTrue.Length;
        int[] rowLabels = DistinctSorted(labelsTrue);
        int[] colLabels = DistinctSorted(labelsPred);
        int rows = rowLabels.Length, cols = colLabels.Length;

        var rowSums = new long[rows];
        var colSums = new long[cols];
        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            int r = Array.BinarySearch(rowLabels, labelsTrue[i]);
            int c = Array.BinarySearch(colLabels, labelsPred[i]);
            rowSums[r]++;
            colSums[c]++;
            keys[i] = (long)r * cols + c;
        }
        Array.Sort(keys);

        int cells = 0;
        for (int i = 0; i < n; i++)
            if (i == 0 || keys[i] != keys[i - 1]) cells++;
        var rowStart = new int[rows + 1];
        var cellCols = new int[cells];
        var cellCounts = new long[cells];
        int p = -1;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                p++;
                int r = (int)(keys[i] / cols);
                cellCols[p] = (int)(keys[i] % cols);
                rowStart[r + 1]++;
            }
            cellCounts[p]++;
        }
        for (int r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
        return new ContingencyTable(rowLabels, colLabels, rowSums, colSums, rowStart, cellCols, cellCounts, n);
    }

    /// <summary>
    /// Builds the table from counts of (true label, predicted label) pairs, e.g. per-cluster label histograms, without
    /// one entry per sample: equal to <see cref="Create"/> on the labelings the counts describe. Repeated pairs add up;
    /// pairs with a zero count are ignored; a negative count is rejected.
    /// </summary>
    public static ContingencyTable FromCounts(IEnumerable<(int TrueLabel, int PredictedLabel, long Count)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var cells = new Dictionary<(int True, int Pred), long>();
        foreach (var (t, p, count) in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count > 0) cells[(t, p)] = cells.GetValueOrDefault((t, p)) + count;
        }
        int[] rowLabels = DistinctSorted(cells.Keys.Select(c => c.True).ToArray());
        int[] colLabels = DistinctSorted(cells.Keys.Select(c => c.Pred).ToArray());
        var rowSums = new long[rowLabels.Length];
        var colSums = new long[colLabels.Length];
        var ordered = cells.Select(c => (Row: Array.BinarySearch(rowLabels, c.Key.True), Column: Array.BinarySearch(colLabels, c.Key.Pred), Count: c.Value))
            .OrderBy(c => c.Row).ThenBy(c => c.Column).ToArray();
        var rowStart = new int[rowLabels.Length + 1];
        var cellCols = new int[ordered.Length];
        var cellCounts = new long[ordered.Length];
        long total = 0;
        for (int i = 0; i < ordered.Length; i++)
        {
            var (r, c, n) = ordered[i];
            rowSums[r] += n;
            colSums[c] += n;
            total += n;
            rowStart[r + 1]++;
            cellCols[i] = c;
            cellCounts[i] = n;
        }
        for (int r = 0; r < rowLabels.Length; r++) rowStart[r + 1] += rowStart[r];
        return new ContingencyTable(rowLabels, colLabels, rowSums, colSums, rowStart, cellCols, cellCounts, total);
    }

    private static int[] DistinctSorted(ReadOnlySpan<int> labels)
    {
        int[] sorted = labels.ToArray();
        Array.Sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.Length; i++)
            if (i == 0 || sorted[i] != sorted[m - 1]) sorted[m++] = sorted[i];
        Array.Resize(ref sorted, m);
        return sorted;
    }
}

using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Lloyd's algorithm: Lloyd (1982), "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2):129–137.
/// Follows scikit-learn 1.2.1's <c>_kmeans_single_lloyd</c> step for step, in float64:
/// <list type="bullet">
/// <item>the data (float32, widened exactly) and the initial centroids are centred on the column means first
/// (neutral mathematically, better rounding), and the means are added back to the returned centroids;</item>
/// <item>each iteration assigns every point to its nearest centroid (argmin of ‖c‖² − 2x·c, lowest index on ties;
/// with AVX-512 by the register-blocked <see cref="AssignKernelDouble"/>)
/// and, in the same pass, computes the new centroids as the means of the new assignment;</item>
/// <item>it stops with strict convergence when the labels equal the previous iteration's, otherwise when the
/// total squared centroid shift Σ‖c_new − c_old‖² ≤ tol · mean(per-feature variance of the data) (sklearn's
/// relative tolerance); if it stopped by tolerance or the iteration cap, a final assignment pass (E-step)
/// makes the labels consistent with the returned centroids;</item>
/// <item><see cref="KMeansResult.Iterations"/> counts the assignment-and-update passes (sklearn's <c>n_iter_</c>);
/// the inertia is Σ‖x − c_label‖² by direct differences.</item>
/// </list>
/// Empty clusters are handled as scikit-learn does (<c>_relocate_empty_clusters_dense</c>): each empty cluster is
/// re-seeded at one of the points farthest from their assigned (pre-update) centroid — farthest first, ties by
/// lowest index — which moves that point's contribution from its cluster's mean to the empty one for this update.
/// The computation is single-threaded, so results are bit-for-bit reproducible.
/// </summary>
public static class Lloyd
{
    public static KMeansResult Run(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<float> initialCentroids, int k,
        int maxIterations = 300, double tolerance = 1e-4)
    {
        NearestCentroid.Validate(data, n, d, initialCentroids, k);
        if (n < 1) throw new ArgumentException("Lloyd needs at least one point.", nameof(n));
        var prepared = new LloydData(data, n, d);
        return Run(prepared, initialCentroids, k, maxIterations, tolerance);
    }

    internal static KMeansResult Run(LloydData x, ReadOnlySpan<float> initialCentroids, int k, int maxIterations, double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        int n = x.N, d = x.D;
        double tol = tolerance * x.MeanVariance;

        var centers = new double[k * d];
        for (int j = 0; j < k; j++)
            for (int f = 0; f < d; f++)
                centers[j * d + f] = initialCentroids[j * d + f] - x.Mean[f];
        var centersNew = new double[k * d];
        var labels = new int[n];
        var labelsOld = new int[n];
        labels.AsSpan().Fill(-1);
        labelsOld.AsSpan().Fill(-1);
        var weights = new double[k];
        var shift = new double[k];
        var cNorm = new double[k];

        bool strict = false, converged = false;
        int relocations = 0;
        int i;
        for (i = 0; i < maxIterations; i++)
        {
            relocations += Iterate(x, centers, centersNew, weights, labels, shift, cNorm, k, updateCenters: true);
            (centers, centersNew) = (centersNew, centers);
            if (labels.AsSpan().SequenceEqual(labelsOld))
            {
                strict = converged = true;
                break;
            }
            double shiftTotal = 0;
            for (int j = 0; j < k; j++) shiftTotal += shift[j] * shift[j];
            if (shiftTotal <= tol)
            {
                converged = true;
                break;
            }
            labels.AsSpan().CopyTo(labelsOld);
        }
        if (!strict)
            Iterate(x, centers, centers, weights, labels, shift, cNorm, k, updateCenters: false);

        double inertia = Inertia(x, centers, labels);
        var outDouble = new double[k * d];
        var outFloat = new float[k * d];
        for (int j = 0; j < k; j++)
            for (int f = 0; f < d; f++)
            {
                double v = centers[j * d + f] + x.Mean[f];
                outDouble[j * d + f] = v;
                outFloat[j * d + f] = (float)v;
            }
        return new KMeansResult(outFloat, labels, inertia, Math.Min(i + 1, maxIterations))
        {
            CentroidsDouble = outDouble,
            Converged = converged,
            EmptyClusterRelocations = relocations,
        };
    }

    /// <summary>
    /// One pass of sklearn's <c>lloyd_iter_chunked_dense</c>: labels from <paramref name="centers"/>; when
    /// <paramref name="updateCenters"/>, the new means into <paramref name="centersNew"/> and the per-centre shift.
    /// Returns the number of empty clusters relocated.
    /// </summary>
    private static int Iterate(LloydData x, double[] centers, double[] centersNew, double[] weights, int[] labels,
        double[] shift, double[] cNorm, int k, bool updateCenters)
    {
        int n = x.N, d = x.D;
        ReadOnlySpan<double> X = x.X;
        for (int j = 0; j < k; j++) cNorm[j] = TensorPrimitives.SumOfSquares<double>(centers.AsSpan(j * d, d));
        if (updateCenters)
        {
            Array.Clear(centersNew);
            Array.Clear(weights);
        }
        var dots = new double[k];
        bool blocked = AssignKernelDouble.Supported(d);
        if (blocked) AssignKernelDouble.Labels(x.X, n, d, centers, k, cNorm, labels);
        for (int p = 0; p < n; p++)
        {
            var xi = X.Slice(p * d, d);
            int best;
            if (blocked) best = labels[p];
            else
            {
                DotKernel.OneByMany<double>(xi, centers, d, 0, k, dots);
                best = 0;
                double bestDist = double.PositiveInfinity;
                for (int j = 0; j < k; j++)
                {
                    double dist = cNorm[j] + -2.0 * dots[j];
                    if (dist < bestDist) { bestDist = dist; best = j; }
                }
                labels[p] = best;
            }
            if (updateCenters)
            {
                weights[best] += 1.0;
                var sum = centersNew.AsSpan(best * d, d);
                DoubleKernels.AddInPlace(sum, xi);
            }
        }
        if (!updateCenters) return 0;

        int relocated = RelocateEmptyClusters(x, centers, centersNew, weights, labels, k);
        for (int j = 0; j < k; j++)
        {
            if (weights[j] > 0)
            {
                double alpha = 1.0 / weights[j];
                var c = centersNew.AsSpan(j * d, d);
                TensorPrimitives.Multiply(c, alpha, c);
            }
        }
        for (int j = 0; j < k; j++)
        {
            double s = 0;
            for (int f = 0; f < d; f++)
            {
                double diff = centersNew[j * d + f] - centers[j * d + f];
                s += diff * diff;
            }
            shift[j] = Math.Sqrt(s);
        }
        return relocated;
    }

    internal static int RelocateEmptyClusters(LloydData x, double[] centersOld, double[] centersNew, double[] weights,
        int[] labels, int k)
    {
        int empty = 0;
        for (int j = 0; j < k; j++) if (weights[j] == 0) empty++;
        if (empty == 0) return 0;
        int n = x.N, d = x.D;
        var distances = new double[n];
        for (int p = 0; p < n; p++) distances[p] = SquaredDistance(x.X.AsSpan(p * d, d), centersOld.AsSpan(labels[p] * d, d));
        var order = new int[n];
        for (int p = 0; p < n; p++) order[p] = p;
        // farthest first, ties by lowest index
        Array.Sort(order, (a, b) => distances[b].CompareTo(distances[a]) is var c && c != 0 ? c : a.CompareTo(b));
        int next = 0;
        for (int j = 0; j < k && next < n; j++)
        {
            if (weights[j] != 0) continue;
            int far = order[next++];
            int old = labels[far];
            var xf = x.X.AsSpan(far * d, d);
            var oldSum = centersNew.AsSpan(old * d, d);
            TensorPrimitives.Subtract(oldSum, xf, oldSum);
            xf.CopyTo(centersNew.AsSpan(j * d, d));
            weights[j] = 1.0;
            weights[old] -= 1.0;
        }
        return empty;
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double diff = a[f] - b[f];
            s += diff * diff;
        }
        return s;
    }

    internal static double Inertia(LloydData x, double[] centers, int[] labels)
    {
        int d = x.D;
        double inertia = 0;
        for (int p = 0; p < x.N; p++) inertia += SquaredDistance(x.X.AsSpan(p * d, d), centers.AsSpan(labels[p] * d, d));
        return inertia;
    }
}

/// <summary>Data prepared once for (possibly several) Lloyd runs: widened to double and centred on the column means.</summary>
internal sealed class LloydData
{
    public LloydData(ReadOnlySpan<float> data, int n, int d)
    {
        N = n;
        D = d;
        Mean = new double[d];
        for (int p = 0; p < n; p++)
            for (int f = 0; f < d; f++) Mean[f] += data[p * d + f];
        for (int f = 0; f < d; f++) Mean[f] /= n;
        X = new double[(long)n * d];
        var variance = new double[d];
        for (int p = 0; p < n; p++)
            for (int f = 0; f < d; f++)
            {
                double v = data[p * d + f] - Mean[f];
                X[p * d + f] = v;
                variance[f] += v * v;
            }
        double meanVariance = 0;
        for (int f = 0; f < d; f++) meanVariance += variance[f] / n;
        MeanVariance = meanVariance / d;
    }

    public int N { get; }
    public int D { get; }

    /// <summary>n × d, centred.</summary>
    public double[] X { get; }

    public double[] Mean { get; }

    /// <summary>mean over features of the (population) variance, sklearn's scale for the tolerance.</summary>
    public double MeanVariance { get; }
}

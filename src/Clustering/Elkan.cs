using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Elkan's accelerated k-means: Elkan (2003), "Using the triangle inequality to accelerate k-means", ICML, 147–153.
/// Exact Lloyd iterations that skip most point–centre distances with one upper bound per point, one lower bound per
/// point and centre, and the half distances between centres. Follows scikit-learn 1.2.1's <c>_kmeans_single_elkan</c>
/// (<c>init_bounds_dense</c>, <c>elkan_iter_chunked_dense</c>) in float64 on the centred data, with the same stopping
/// rule, iteration count, empty-cluster relocation and final E-step as <see cref="Lloyd"/>, so from the same
/// initial centroids it reaches the same labels and inertia.
/// <para>The points are split into a fixed number of partitions, each with its own centre sums, reduced in partition
/// order: the result does not depend on <c>parallelism</c>.</para>
/// </summary>
public static class Elkan
{
    /// <summary>Fixed number of partial-sum partitions (independent of the thread count, so results are too).</summary>
    private const int Partitions = 8;

    /// <summary>Runs Elkan's k-means from <paramref name="initialCentroids"/> (k × d).</summary>
    /// <param name="data">n × d points, row-major.</param>
    /// <param name="n">Number of points.</param>
    /// <param name="d">Dimension.</param>
    /// <param name="initialCentroids">k × d starting centroids.</param>
    /// <param name="k">Number of clusters.</param>
    /// <param name="maxIterations">Cap on assignment passes (sklearn's max_iter).</param>
    /// <param name="tolerance">sklearn's relative tolerance on the total squared centre shift (0: run to unchanged labels).</param>
    /// <param name="parallelism">Worker threads (1 = the calling thread only).</param>
    public static KMeansResult Run(ReadOnlySpan<float> data, int n, int d, ReadOnlySpan<float> initialCentroids, int k,
        int maxIterations = 300, double tolerance = 1e-4, int parallelism = 1)
    {
        NearestCentroid.Validate(data, n, d, initialCentroids, k);
        if (n < 1) throw new ArgumentException("Elkan needs at least one point.", nameof(n));
        return Run(new LloydData(data, n, d), initialCentroids, k, maxIterations, tolerance, parallelism);
    }

    internal static KMeansResult Run(LloydData x, ReadOnlySpan<float> initialCentroids, int k, int maxIterations, double tolerance, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        int n = x.N, d = x.D;
        double tol = tolerance * x.MeanVariance;
        var state = new ElkanState(x, k);
        for (int j = 0; j < k; j++)
            for (int f = 0; f < d; f++)
                state.Centers[j * d + f] = initialCentroids[j * d + f] - x.Mean[f];
        state.UpdateCenterDistances();
        state.InitBounds(parallelism);

        var labelsOld = new int[n];
        labelsOld.AsSpan().Fill(-1);
        bool strict = false, converged = false;
        int relocations = 0, i;
        for (i = 0; i < maxIterations; i++)
        {
            relocations += state.Iterate(parallelism, updateCenters: true);
            (state.Centers, state.CentersNew) = (state.CentersNew, state.Centers);
            state.UpdateCenterDistances();
            if (state.Labels.AsSpan().SequenceEqual(labelsOld)) { strict = converged = true; break; }
            double shiftTotal = 0;
            for (int j = 0; j < k; j++) shiftTotal += state.Shift[j] * state.Shift[j];
            if (shiftTotal <= tol) { converged = true; break; }
            state.Labels.AsSpan().CopyTo(labelsOld);
        }
        if (!strict) state.Iterate(parallelism, updateCenters: false);
        return state.Result(Math.Min(i + 1, maxIterations), converged, relocations);
    }

    /// <summary>Bounds, centres and scratch of one Elkan run.</summary>
    private sealed class ElkanState
    {
        private readonly LloydData _x;
        private readonly int _k;
        private readonly double[] _upper;
        private readonly double[] _lower;
        private readonly double[] _halfDistances;
        private readonly double[] _nextCenter;
        private readonly double[][] _partSums;
        private readonly double[][] _partWeights;

        public ElkanState(LloydData x, int k)
        {
            _x = x;
            _k = k;
            Centers = new double[k * x.D];
            CentersNew = new double[k * x.D];
            Labels = new int[x.N];
            Shift = new double[k];
            _upper = new double[x.N];
            _lower = new double[(long)x.N * k];
            _halfDistances = new double[k * k];
            _nextCenter = new double[k];
            _partSums = [.. Enumerable.Range(0, Partitions).Select(_ => new double[k * x.D])];
            _partWeights = [.. Enumerable.Range(0, Partitions).Select(_ => new double[k])];
        }

        public double[] Centers;
        public double[] CentersNew;
        public int[] Labels { get; }
        public double[] Shift { get; }

        private double Dist(int p, double[] centers, int j) =>
            DoubleKernels.Distance(_x.X.AsSpan(p * _x.D, _x.D), centers.AsSpan(j * _x.D, _x.D));

        /// <summary>Half distances between centres, and for each centre the half distance to its nearest other centre.</summary>
        public void UpdateCenterDistances()
        {
            int d = _x.D;
            for (int a = 0; a < _k; a++)
            {
                _halfDistances[a * _k + a] = 0;
                for (int b = a + 1; b < _k; b++)
                {
                    double h = TensorPrimitives.Distance<double>(Centers.AsSpan(a * d, d), Centers.AsSpan(b * d, d)) / 2;
                    _halfDistances[a * _k + b] = h;
                    _halfDistances[b * _k + a] = h;
                }
            }
            for (int a = 0; a < _k; a++)
            {
                double m = double.PositiveInfinity;
                for (int b = 0; b < _k; b++) if (b != a && _halfDistances[a * _k + b] < m) m = _halfDistances[a * _k + b];
                _nextCenter[a] = _k == 1 ? 0 : m;
            }
        }

        private void ForPartitions(int parallelism, Action<int, int, int> body)
        {
            int n = _x.N;
            void Run(int part)
            {
                int start = (int)((long)n * part / Partitions), end = (int)((long)n * (part + 1) / Partitions);
                body(part, start, end);
            }
            if (parallelism == 1) for (int part = 0; part < Partitions; part++) Run(part);
            else Parallel.For(0, Partitions, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, Run);
        }

        /// <summary>sklearn's <c>init_bounds_dense</c>.</summary>
        public void InitBounds(int parallelism) => ForPartitions(parallelism, (_, start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                long row = (long)p * _k;
                int best = 0;
                double min = Dist(p, Centers, 0);
                _lower[row] = min;
                for (int j = 1; j < _k; j++)
                {
                    if (min > _halfDistances[best * _k + j])
                    {
                        double dist = Dist(p, Centers, j);
                        _lower[row + j] = dist;
                        if (dist < min) { min = dist; best = j; }
                    }
                }
                Labels[p] = best;
                _upper[p] = min;
            }
        });

        /// <summary>sklearn's <c>elkan_iter_chunked_dense</c>: relabel with the bounds, then (optionally) new means, shifts and bound updates.</summary>
        public int Iterate(int parallelism, bool updateCenters)
        {
            int d = _x.D;
            ForPartitions(parallelism, (part, start, end) =>
            {
                var sums = _partSums[part];
                var weights = _partWeights[part];
                if (updateCenters) { Array.Clear(sums); Array.Clear(weights); }
                for (int p = start; p < end; p++)
                {
                    long row = (long)p * _k;
                    double upper = _upper[p];
                    int label = Labels[p];
                    bool tight = false;
                    if (!(_nextCenter[label] >= upper))
                    {
                        for (int j = 0; j < _k; j++)
                        {
                            if (j != label && upper > _lower[row + j] && upper > _halfDistances[label * _k + j])
                            {
                                if (!tight)
                                {
                                    upper = Dist(p, Centers, label);
                                    _lower[row + label] = upper;
                                    tight = true;
                                }
                                if (upper > _lower[row + j] || upper > _halfDistances[label * _k + j])
                                {
                                    double dist = Dist(p, Centers, j);
                                    _lower[row + j] = dist;
                                    if (dist < upper) { label = j; upper = dist; }
                                }
                            }
                        }
                        Labels[p] = label;
                        _upper[p] = upper;
                    }
                    if (updateCenters)
                    {
                        weights[label] += 1.0;
                        var sum = sums.AsSpan(label * d, d);
                        DoubleKernels.AddInPlace(sum, _x.X.AsSpan(p * d, d));
                    }
                }
            });
            if (!updateCenters) return 0;

            Array.Clear(CentersNew);
            var total = new double[_k];
            for (int part = 0; part < Partitions; part++)
            {
                TensorPrimitives.Add(CentersNew, _partSums[part], CentersNew);
                TensorPrimitives.Add(total, _partWeights[part], total);
            }
            int relocated = Lloyd.RelocateEmptyClusters(_x, Centers, CentersNew, total, Labels, _k);
            for (int j = 0; j < _k; j++)
            {
                if (total[j] > 0)
                {
                    var c = CentersNew.AsSpan(j * d, d);
                    TensorPrimitives.Multiply(c, 1.0 / total[j], c);
                }
                Shift[j] = TensorPrimitives.Distance<double>(CentersNew.AsSpan(j * d, d), Centers.AsSpan(j * d, d));
            }
            ForPartitions(parallelism, (_, start, end) =>
            {
                for (int p = start; p < end; p++)
                {
                    _upper[p] += Shift[Labels[p]];
                    var lower = _lower.AsSpan((int)((long)p * _k), _k);
                    TensorPrimitives.Subtract(lower, Shift, lower);
                    TensorPrimitives.Max(lower, 0.0, lower);
                }
            });
            return relocated;
        }

        public KMeansResult Result(int iterations, bool converged, int relocations)
        {
            int d = _x.D;
            double inertia = Lloyd.Inertia(_x, Centers, Labels);
            var outDouble = new double[_k * d];
            var outFloat = new float[_k * d];
            for (int j = 0; j < _k; j++)
                for (int f = 0; f < d; f++)
                {
                    double v = Centers[j * d + f] + _x.Mean[f];
                    outDouble[j * d + f] = v;
                    outFloat[j * d + f] = (float)v;
                }
            return new KMeansResult(outFloat, Labels, inertia, iterations)
            {
                CentroidsDouble = outDouble,
                Converged = converged,
                EmptyClusterRelocations = relocations,
            };
        }
    }
}

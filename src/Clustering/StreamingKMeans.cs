namespace RadiologyNet.Clustering;

/// <summary>The time unit of <see cref="StreamingKMeans"/>'s forgetting, as Spark's <c>timeUnit</c>.</summary>
public enum DecayUnit
{
    /// <summary>The decay factor applies once per batch.</summary>
    Batches,
    /// <summary>The decay factor applies once per point: a batch of m points discounts by decayFactor^m.</summary>
    Points,
}

/// <summary>
/// Online k-means with forgetting, as Spark MLlib's <c>StreamingKMeans</c> / <c>StreamingKMeansModel.update</c>
/// (a mini-batch generalisation of MacQueen (1967), "Some methods for classification and analysis of multivariate
/// observations", Proc. 5th Berkeley Symp. 1:281–297). For each batch: every point goes to its nearest centre; the
/// weights are discounted by a = decayFactor (per batch) or decayFactor^m (per point, m = batch size); each centre
/// that received m_j points with mean x̄_j becomes c ← (1 − λ)c + λx̄_j with λ = m_j / max(n_j·a + m_j, 1e-16) and
/// n_j ← n_j·a + m_j. With decayFactor 1 this is the exact running mean (MacQueen); with 0 only the last batch counts.
/// <see cref="HalfLifeToDecayFactor"/> gives Spark's decay from a half-life: exp(ln 0.5 / halfLife).
/// After each batch Spark's rule for dying clusters applies: if the smallest weight is below 1e-8 × the largest,
/// the largest cluster is split in two: both get weight (max + min)/2 and the centres x ± 1e-14·max(|x|, 1).
/// Deterministic (no randomness; ties go to the lowest index). Centres and weights are kept in float64.
/// </summary>
public sealed class StreamingKMeans
{
    private readonly double[] _centers;
    private readonly double[] _weights;

    /// <summary>Starts from k × d <paramref name="initialCentroids"/> with the given weights (default all 0, as a new Spark model's random centres with weight 0).</summary>
    public StreamingKMeans(ReadOnlySpan<float> initialCentroids, int k, int d, double decayFactor = 1.0, DecayUnit timeUnit = DecayUnit.Batches,
        ReadOnlySpan<double> initialWeights = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        if (initialCentroids.Length != k * d) throw new ArgumentException($"Expected k·d = {k * d} centroid values, got {initialCentroids.Length}.", nameof(initialCentroids));
        if (!(decayFactor >= 0)) throw new ArgumentOutOfRangeException(nameof(decayFactor), "The decay factor must be ≥ 0.");
        if (!initialWeights.IsEmpty && initialWeights.Length != k) throw new ArgumentException($"Expected {k} weights.", nameof(initialWeights));
        K = k;
        D = d;
        DecayFactor = decayFactor;
        TimeUnit = timeUnit;
        _centers = new double[k * d];
        for (int i = 0; i < _centers.Length; i++) _centers[i] = initialCentroids[i];
        _weights = initialWeights.IsEmpty ? new double[k] : initialWeights.ToArray();
    }

    /// <summary>Spark's <c>setHalfLife</c>: the decay factor after which data from <paramref name="halfLife"/> time units ago weigh half.</summary>
    public static double HalfLifeToDecayFactor(double halfLife)
    {
        if (!(halfLife > 0)) throw new ArgumentOutOfRangeException(nameof(halfLife), "The half-life must be > 0.");
        return Math.Exp(Math.Log(0.5) / halfLife);
    }

    /// <summary>Number of centres.</summary>
    public int K { get; }

    /// <summary>Dimension.</summary>
    public int D { get; }

    /// <summary>Forgetfulness a in [0, 1] (1: remember everything).</summary>
    public double DecayFactor { get; }

    /// <summary>Whether <see cref="DecayFactor"/> applies per batch or per point.</summary>
    public DecayUnit TimeUnit { get; }

    /// <summary>k × d centres (float64, row-major).</summary>
    public ReadOnlySpan<double> Centers => _centers;

    /// <summary>The (discounted) weight of each centre.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>How many times a dying cluster was replaced by splitting the largest.</summary>
    public int Splits { get; private set; }

    /// <summary>The centres rounded to float32.</summary>
    public float[] CentersAsFloat()
    {
        var c = new float[_centers.Length];
        for (int i = 0; i < c.Length; i++) c[i] = (float)_centers[i];
        return c;
    }

    /// <summary>
    /// Absorbs a batch of <paramref name="count"/> points (count × d) and returns the label each point was given
    /// (its nearest centre before the update).
    /// </summary>
    public int[] Update(ReadOnlySpan<float> batch, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (batch.Length < (long)count * D) throw new ArgumentException($"batch holds {batch.Length} < count·d values.", nameof(batch));
        int d = D;
        var labels = new int[count];
        var sums = new double[K * d];
        var counts = new long[K];
        for (int p = 0; p < count; p++)
        {
            var x = batch.Slice(p * d, d);
            int j = MiniBatchKMeans.NearestDouble(x, _centers, K);
            labels[p] = j;
            counts[j]++;
            for (int f = 0; f < d; f++) sums[j * d + f] += x[f];
        }
        double discount = TimeUnit == DecayUnit.Batches ? DecayFactor : Math.Pow(DecayFactor, count);
        for (int j = 0; j < K; j++) _weights[j] *= discount;
        for (int j = 0; j < K; j++)
        {
            if (counts[j] == 0) continue;
            double updated = _weights[j] + counts[j];
            double lambda = counts[j] / Math.Max(updated, 1e-16);
            _weights[j] = updated;
            for (int f = 0; f < d; f++)
                _centers[j * d + f] = (1.0 - lambda) * _centers[j * d + f] + lambda / counts[j] * sums[j * d + f];
        }
        SplitDyingCluster();
        return labels;
    }

    /// <summary>Spark's rule: if the smallest weight &lt; 1e-8 × the largest, split the largest (first index on ties).</summary>
    private void SplitDyingCluster()
    {
        int largest = 0, smallest = 0;
        for (int j = 1; j < K; j++)
        {
            if (_weights[j] > _weights[largest]) largest = j;
            if (_weights[j] < _weights[smallest]) smallest = j;
        }
        double max = _weights[largest], min = _weights[smallest];
        if (!(min < 1e-8 * max)) return;
        double weight = (max + min) / 2.0;
        _weights[largest] = weight;
        _weights[smallest] = weight;
        for (int f = 0; f < D; f++)
        {
            double x = _centers[largest * D + f];
            double p = 1e-14 * Math.Max(Math.Abs(x), 1.0);
            _centers[largest * D + f] = x + p;
            _centers[smallest * D + f] = x - p;
        }
        Splits++;
    }
}

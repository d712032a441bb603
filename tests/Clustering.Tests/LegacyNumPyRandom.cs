namespace RadiologyNet.Clustering.Tests;

/// <summary>
/// A port of NumPy's legacy <c>RandomState</c> (MT19937, polar Box–Muller <c>legacy_gauss</c>, Marsaglia–Tsang
/// <c>legacy_standard_gamma</c>), just enough to regenerate k-means dataset (c) of ../shared/reference/kmeans
/// without NumPy. The result is checked against the sha256 in the reference README.
/// </summary>
internal sealed class LegacyNumPyRandom
{
    private readonly uint[] _mt = new uint[624];
    private int _pos;
    private bool _hasGauss;
    private double _gauss;

    public LegacyNumPyRandom(uint seed)
    {
        for (int i = 0; i < 624; i++)
        {
            _mt[i] = seed;
            seed = 1812433253u * (seed ^ (seed >> 30)) + (uint)i + 1;
        }
        _pos = 624;
    }

    private uint NextUInt32()
    {
        if (_pos == 624)
        {
            for (int i = 0; i < 624; i++)
            {
                uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % 624] & 0x7fffffffu);
                _mt[i] = _mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
            }
            _pos = 0;
        }
        uint x = _mt[_pos++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9d2c5680u;
        x ^= (x << 15) & 0xefc60000u;
        x ^= x >> 18;
        return x;
    }

    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    public double Gauss()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>legacy_standard_gamma for shape &gt; 1.</summary>
    public double StandardGamma(double shape)
    {
        double b = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9 * b);
        while (true)
        {
            double x, v;
            do
            {
                x = Gauss();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = NextDouble();
            if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
            if (Math.Log(u) < 0.5 * x * x + b * (1.0 - v + Math.Log(v))) return b * v;
        }
    }

    /// <summary>make_km_c.py: returns X as float32 (n × d) and the true labels.</summary>
    public static float[] MakeKmC(out int[] labels, int n = 100_000, int d = 512, int k = 50)
    {
        var rs = new LegacyNumPyRandom(20240607);
        var centers = new double[k * d];
        for (int i = 0; i < centers.Length; i++) centers[i] = 0.15 * rs.Gauss();
        var weights = new double[k];
        double acc = 0;
        for (int j = 0; j < k; j++) acc += weights[j] = rs.StandardGamma(5.0);
        double inv = 1 / acc;
        for (int j = 0; j < k; j++) weights[j] *= inv;
        var cdf = new double[k];
        double run = 0;
        for (int j = 0; j < k; j++) cdf[j] = run += weights[j];
        double last = cdf[k - 1];
        for (int j = 0; j < k; j++) cdf[j] /= last;
        labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u = rs.NextDouble();
            int lo = 0, hi = k; // searchsorted side='right': first index with cdf > u
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] <= u) lo = mid + 1; else hi = mid;
            }
            labels[i] = lo;
        }
        var scales = new double[k];
        for (int j = 0; j < k; j++) scales[j] = 0.5 + 1.0 * rs.NextDouble();
        var x = new float[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            int l = labels[i];
            for (int f = 0; f < d; f++) x[i * d + f] = (float)(centers[l * d + f] + rs.Gauss() * scales[l]);
        }
        return x;
    }
}

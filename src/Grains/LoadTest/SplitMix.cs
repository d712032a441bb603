namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// A tiny seeded generator (SplitMix64, Steele et al. 2014) for the synthetic load: the same key gives the same stream on
/// every machine and .NET version, so a silo regenerates an instance's vector from its ingest event alone.
/// </summary>
public struct SplitMix
{
    private ulong _state;
    private double? _spare;

    /// <summary>A stream keyed by up to four numbers (each mixed in, so nearby keys give unrelated streams).</summary>
    public SplitMix(long a, long b = 0, long c = 0, long d = 0)
    {
        _state = Mix((ulong)a);
        _state = Mix(_state ^ (ulong)b);
        _state = Mix(_state ^ (ulong)c);
        _state = Mix(_state ^ (ulong)d);
        _spare = null;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound) (bound ≥ 1; the bias of a 64-bit modulus is far below anything measured here).</summary>
    public int NextInt(int bound) => (int)(NextUInt64() % (ulong)bound);

    /// <summary>A standard normal deviate (Marsaglia's polar method, the spare kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s is >= 1 or 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        return u * factor;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

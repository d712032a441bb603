namespace RadiologyNet.Client.Demo;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed by this code, not by the runtime's
/// <see cref="Random"/> implementation, so that the demo archive is byte-identical across .NET versions.
/// </summary>
public sealed class DemoRandom
{
    private ulong _state;

    public DemoRandom(ulong seed) => _state = seed;

    /// <summary>A generator for a derived stream, e.g. one per study, independent of how many values the parent drew.</summary>
    public static DemoRandom Derive(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019UL)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => maxExclusive <= min ? min : min + (int)(NextUInt64() % (ulong)(maxExclusive - min));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>
    /// Approximately standard normal, cheap enough for per-pixel image noise: the Irwin–Hall sum of four 16-bit
    /// uniforms from one draw, scaled to unit variance (tails end at ±3.46).
    /// </summary>
    public double Gaussian()
    {
        var u = NextUInt64();
        var sum = (u & 0xFFFF) + ((u >> 16) & 0xFFFF) + ((u >> 32) & 0xFFFF) + (u >> 48);
        return (sum * (1.0 / 65536) - 2.0) * 1.7320508075688772;
    }

    /// <summary>Rayleigh-distributed with unit scale (mean ≈ 1.25): the envelope statistics of ultrasound speckle.</summary>
    public double Rayleigh() => Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

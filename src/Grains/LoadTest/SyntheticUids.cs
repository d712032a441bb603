namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// UIDs of the synthetic load in the UUID-derived root (PS3.5 §B.2, "2.25." and a 128-bit decimal), drawn from the seed
/// and the study, series or instance number, so they are valid, unique in practice and the same on every run with one seed.
/// </summary>
public static class SyntheticUids
{
    /// <summary>The StudyInstanceUID of study <paramref name="study"/>.</summary>
    public static string Study(long seed, long study) => Uid(seed, 1, study, 0);

    /// <summary>The SeriesInstanceUID of series <paramref name="series"/> of study <paramref name="study"/>.</summary>
    public static string Series(long seed, long study, int series) => Uid(seed, 2, study, series);

    /// <summary>The SOPInstanceUID of instance <paramref name="index"/> (numbered across the whole load).</summary>
    public static string Instance(long seed, long index) => Uid(seed, 3, index, 0);

    private static string Uid(long seed, long kind, long a, long b)
    {
        var random = new SplitMix(seed, kind, a, b);
        var value = new UInt128(random.NextUInt64(), random.NextUInt64());
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

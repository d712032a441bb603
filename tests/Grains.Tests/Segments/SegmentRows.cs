namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>Seeded rows for the segment tests.</summary>
internal static class SegmentRows
{
    public static FeaturisedInstance Row(int i, int dimension, int seed = 0)
    {
        var random = new Random(seed * 1_000_003 + i);
        var fused = new float[dimension];
        for (var j = 0; j < dimension; j++) fused[j] = (float)(random.NextDouble() * 2 - 1);
        return new FeaturisedInstance($"2.25.{i}", $"2.25.{i / 7}.0", fused, i % 3 == 0 ? "CT" : "MR", i % 2 == 0 ? "CHEST" : "", i % 5 == 0 ? "Ünïcødé 🩻" : "ACME", i % 4 == 0);
    }

    public static void AssertSame(FeaturisedInstance expected, FeaturisedInstance? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Fused = [] }, actual with { Fused = [] });
        Assert.Equal(expected.Fused, actual.Fused);
    }
}

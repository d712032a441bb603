using System.Globalization;
using System.Numerics;

namespace RadiologyNet.Client.Demo;

/// <summary>UIDs for the demo archive: <c>2.25.&lt;128-bit decimal&gt;</c> (PS3.5 §B.2), drawn from the seeded generator.</summary>
public static class DemoUids
{
    /// <summary>A fresh UID, at most 44 characters, digits and dots only.</summary>
    public static string Next(DemoRandom random)
    {
        var value = new BigInteger(random.NextUInt64()) << 64 | new BigInteger(random.NextUInt64());
        // BigInteger.ToString of a non-negative value has no leading zeros, as a UID component must not.
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// The <see cref="InstanceArrived.Source"/> of a synthetic instance, <c>synthetic/&lt;seed&gt;/&lt;component&gt;/&lt;study&gt;/&lt;index&gt;/&lt;report 0|1&gt;</c>:
/// everything a silo needs to regenerate its vector (<see cref="SyntheticMixture"/>), so no state is shared.
/// </summary>
public sealed record SyntheticSource(long Seed, int Component, long Study, long Index, bool HasReport)
{
    /// <summary>The prefix of every synthetic source.</summary>
    public const string Prefix = "synthetic/";

    /// <summary>The source string.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Seed}/{Component}/{Study}/{Index}/{(HasReport ? 1 : 0)}");

    /// <summary>Parses a source string; false for anything else (a real file or blob).</summary>
    public static bool TryParse(string? source, out SyntheticSource parsed)
    {
        parsed = null!;
        if (source is null || !source.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = source[Prefix.Length..].Split('/');
        if (parts.Length != 5
            || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var component)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var study)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || parts[4] is not ("0" or "1"))
            return false;
        parsed = new SyntheticSource(seed, component, study, index, parts[4] == "1");
        return true;
    }
}

using System.Globalization;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>Positional arguments and <c>--name value</c> options of a harness verb.</summary>
public sealed class HarnessArgs
{
    private readonly Dictionary<string, string> _options = [];

    /// <summary>Arguments that are not options.</summary>
    public List<string> Positional { get; } = [];

    /// <summary>Parses; requires at least <paramref name="positional"/> positional arguments.</summary>
    public static HarnessArgs Parse(string[] args, int positional)
    {
        var result = new HarnessArgs();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) result._options[args[i]] = args[++i];
            else result.Positional.Add(args[i]);
        }
        if (result.Positional.Count < positional) throw new ArgumentException($"expected {positional} positional arguments");
        return result;
    }

    /// <summary>An integer option.</summary>
    public int Int(string name, int fallback) => _options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A floating-point option.</summary>
    public double Double(string name, double fallback) => _options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A string option.</summary>
    public string? String(string name) => _options.GetValueOrDefault(name);
}

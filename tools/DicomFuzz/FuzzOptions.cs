namespace RadiologyNet.DicomFuzz;

/// <summary>Command-line options of the fuzzer.</summary>
internal sealed record FuzzOptions(string SeedFolder, TimeSpan Duration, int Seed, int MaxSeedBytes, TimeSpan Timeout, string Findings)
{
    public static FuzzOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var seeds = Get("--seeds") ?? DefaultSeeds();
        return new FuzzOptions(
            seeds,
            TimeSpan.FromMinutes(double.Parse(Get("--minutes") ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(Get("--seed") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("--max-seed-bytes") ?? "262144", System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("--timeout-seconds") ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
            Get("--findings") ?? Path.Combine(Path.GetTempPath(), "radnet-fuzz"));
    }

    /// <summary>../shared/data/dicom beside the repository (RADNET_SHARED overrides ../shared).</summary>
    private static string DefaultSeeds()
    {
        var shared = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (string.IsNullOrEmpty(shared))
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) { shared = Path.Combine(dir.Parent!.FullName, "shared"); break; }
        return Path.Combine(shared ?? ".", "data", "dicom");
    }
}

/// <summary>Seed files read at run time (never copied anywhere): every non-JSON/CSV/Markdown file up to a size.</summary>
internal static class SeedCorpus
{
    public static List<(string Path, byte[] Bytes)> Load(string folder, int maxBytes) =>
        !Directory.Exists(folder) ? [] :
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !(p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal) || p.EndsWith(".csv", StringComparison.Ordinal)))
            .Where(p => new FileInfo(p).Length is > 0 and var n && n <= maxBytes)
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)))];
}

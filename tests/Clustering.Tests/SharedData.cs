namespace RadiologyNet.Clustering.Tests;

/// <summary>Locates the ../shared folder (reference oracles and data) that sits beside the repository.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or null when absent. RADNET_SHARED overrides the search.</summary>
    public static string? Directory => Root.Value;

    public static string Describe(string relative) =>
        $"../shared not found: {relative} is needed (set RADNET_SHARED or place the shared folder beside the repository)";

    /// <summary>Full path of <paramref name="relative"/> under shared, or null when shared or the path is missing.</summary>
    public static string? PathOf(string relative)
    {
        if (Directory is null) return null;
        string p = Path.Combine(Directory, relative);
        return File.Exists(p) || System.IO.Directory.Exists(p) ? p : null;
    }

    public static string Require(string relative) =>
        PathOf(relative) ?? throw new InvalidOperationException(Describe(relative));

    private static string? Locate()
    {
        string? env = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (!string.IsNullOrEmpty(env)) return System.IO.Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx")))
            {
                string? parent = dir.Parent?.FullName;
                if (parent is null) return null;
                string shared = Path.Combine(parent, "shared");
                return System.IO.Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that is skipped with a clear message when the shared path it needs is missing.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath = "")
    {
        if (SharedData.PathOf(relativePath) is null) Skip = SharedData.Describe(relativePath.Length == 0 ? "shared" : relativePath);
    }
}

/// <summary>A theory that is skipped with a clear message when the shared path it needs is missing.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string relativePath = "")
    {
        if (SharedData.PathOf(relativePath) is null) Skip = SharedData.Describe(relativePath.Length == 0 ? "shared" : relativePath);
    }
}

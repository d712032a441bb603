namespace RadiologyNet.Features.Tests;

/// <summary>
/// Locates the shared data folder: env RADNET_SHARED, else the sibling <c>shared</c> of the folder that holds
/// RadiologyNet.slnx (found by walking up from the test binaries).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootLazy = new(Locate);

    public static string? Root => RootLazy.Value;

    public static string? PathOf(string relative) => Root is null ? null : System.IO.Path.Combine(Root, relative);

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (!string.IsNullOrWhiteSpace(env)) return Directory.Exists(env) ? env : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RadiologyNet.slnx")))
            {
                var shared = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with a clear message, when a file or folder under ../shared is missing.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        var full = SharedData.PathOf(relativePath);
        if (full is null)
            Skip = $"shared data folder not found (set RADNET_SHARED or place 'shared' next to the repository); needs {relativePath}";
        else if (!File.Exists(full) && !Directory.Exists(full))
            Skip = $"shared data missing: {full}";
    }
}

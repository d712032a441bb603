using Xunit;

namespace RadiologyNet.TestSupport;

/// <summary>
/// Locates ../shared (the folder beside the repository that holds data/ and reference/) for tests that read it.
/// RADNET_SHARED overrides the search. Tests that need it skip with a clear message when it is missing.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Folder => Root.Value;

    /// <summary>Full path of a file or folder under shared/, or null when shared/ or that path is missing.</summary>
    public static string? PathOf(string relative)
    {
        if (Folder is null) return null;
        var path = Path.Combine(Folder, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    /// <summary>Full path of a file or folder under shared/; throws with <see cref="Describe"/> when missing.</summary>
    public static string Require(string relative) => PathOf(relative) ?? throw new InvalidOperationException(Describe(relative));

    /// <summary>The skip message for a missing shared path.</summary>
    public static string Describe(string relative) =>
        $"../shared not found: {relative} is needed (set RADNET_SHARED, or place the shared folder beside the repository)";

    /// <summary>Null when the path exists, else the skip message.</summary>
    public static string? SkipReason(string relative) => PathOf(relative) is null ? Describe(relative) : null;

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) continue;
            var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
            return Directory.Exists(shared) ? shared : null;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with a clear message, when the path it needs under ../shared is missing.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative = "data")
    {
        if (SharedData.SkipReason(relative) is { } reason) Skip = reason;
    }
}

/// <summary>A theory that is skipped, with a clear message, when the path it needs under ../shared is missing.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string relative = "data")
    {
        if (SharedData.SkipReason(relative) is { } reason) Skip = reason;
    }
}

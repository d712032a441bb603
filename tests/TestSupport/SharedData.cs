using Xunit;
namespace RadiologyNet.TestSupport;


/// <summary>Locates ../shared (beside the repository, or RADNET_SHARED) for tests that read the shared test data.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder (holding data/), or null when absent.</summary>
    public static string? Folder => Root.Value;

    /// <summary>Path of a file or folder under shared/, or null when shared/ is absent.</summary>
    public static string? PathOf(string relative) => Folder is { } f ? System.IO.Path.Combine(f, relative) : null;

    public static string Require(string relative) =>
        PathOf(relative) ?? throw new InvalidOperationException("shared data not found");

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("RADNET_SHARED");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(System.IO.Path.Combine(env, "data")) ? env : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "RadiologyNet.slnx"))) continue;
            var shared = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
            return Directory.Exists(System.IO.Path.Combine(shared, "data")) ? shared : null;
        }
        return null;
    }

    public static string? SkipReason(string relative) =>
        PathOf(relative) is { } p && (Directory.Exists(p) || File.Exists(p))
            ? null
            : $"../shared/data not found: {relative} (set RADNET_SHARED to the shared folder to run this test)";
}

/// <summary>A fact that is skipped when the given path under ../shared is missing.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative = "data")
    {
        if (SharedData.SkipReason(relative) is { } reason) Skip = reason;
    }
}

/// <summary>A theory that is skipped when the given path under ../shared is missing.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string relative = "data")
    {
        if (SharedData.SkipReason(relative) is { } reason) Skip = reason;
    }
}

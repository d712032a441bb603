using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using RadiologyNet.Client.Results;

namespace RadiologyNet.Client.Output;

/// <summary>How archive paths (which in real archives often hold patient names) appear in what radnet writes.</summary>
public enum PathMode
{
    /// <summary>The path inside the archive, with forward slashes.</summary>
    Relative,

    /// <summary><c>sha256:</c> and the first 16 hex digits of the SHA-256 of the relative path's UTF-8 bytes.</summary>
    Hashed,

    /// <summary>An empty cell: the column stays, so the file layout never changes.</summary>
    None,
}

/// <summary>
/// The <c>--paths relative|hashed|none</c> option and the one place a path is turned into what is written. A hash is
/// stable (the same file gives the same value in every run and file, so rows still join) and plain (unkeyed): whoever
/// has the archive can recompute it, and whoever can guess a path can confirm the guess, but the path cannot be read
/// back from it.
/// </summary>
public static class ArchivePaths
{
    private const string HashPrefix = "sha256:";

    /// <summary>The option, with its default; <paramref name="writtenTo"/> names the outputs it governs.</summary>
    public static Option<string> CreateOption(PathMode defaultMode, string writtenTo)
    {
        var fallback = defaultMode.ToString().ToLowerInvariant();
        var option = new Option<string>("--paths")
        {
            Description = $"Archive paths in {writtenTo}: relative (the path inside the archive), hashed (sha256: and 16 hex digits of its SHA-256) or none (empty)",
            DefaultValueFactory = _ => fallback,
        };
        option.AcceptOnlyFromAmong("relative", "hashed", "none");
        return option;
    }

    /// <summary>Reads the option's value.</summary>
    public static PathMode Parse(string value) => value switch
    {
        "relative" => PathMode.Relative,
        "hashed" => PathMode.Hashed,
        "none" => PathMode.None,
        _ => throw new ArgumentException($"--paths must be relative, hashed or none, not '{value}'"),
    };

    /// <summary>What is written for the archive path <paramref name="file"/>. A value that is already a hash or empty stays as it is.</summary>
    public static string Disclose(string file, PathMode mode)
    {
        var relative = file.Replace('\\', '/');
        return mode switch
        {
            PathMode.Relative => relative,
            PathMode.None => "",
            _ when relative.Length == 0 || IsHash(relative) => relative,
            _ => HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relative)))[..16],
        };
    }

    /// <summary>The results with every instance's path disclosed as <paramref name="mode"/> says.</summary>
    public static ArchiveResults Apply(ArchiveResults results, PathMode mode) =>
        mode == PathMode.Relative ? results : results with { Instances = results.Instances.Select(i => i with { File = Disclose(i.File, mode) }).ToList() };

    private static bool IsHash(string value) =>
        value.Length == HashPrefix.Length + 16 && value.StartsWith(HashPrefix, StringComparison.Ordinal) && value[HashPrefix.Length..].All(char.IsAsciiHexDigitLower);
}

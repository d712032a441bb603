using System.Text.RegularExpressions;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>The metric names a PromQL expression selects (not its functions, keywords, label names, durations or Grafana variables).</summary>
public static partial class PromqlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "inf", "nan",
    };

    /// <summary>Every metric name in the expression.</summary>
    public static IReadOnlySet<string> Of(string expression)
    {
        var s = StringLiteral().Replace(expression, "\"\"");
        s = LabelMatchers().Replace(s, " ");
        s = Ranges().Replace(s, " ");
        s = Grouping().Replace(s, " ");
        s = GrafanaVariables().Replace(s, " ");
        s = Offsets().Replace(s, " ");
        return Identifiers().Matches(s).Select(m => m.Value).Where(n => !Keywords.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+(:\w+)?\}?")]
    private static partial Regex GrafanaVariables();

    [GeneratedRegex(@"\boffset\s+-?\w+", RegexOptions.IgnoreCase)]
    private static partial Regex Offsets();

    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()(?![\w:])")]
    private static partial Regex Identifiers();
}

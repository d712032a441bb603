using System.Text.RegularExpressions;

namespace RadiologyNet.Client.Output;

/// <summary>
/// Formula injection guard for every CSV the program writes (OWASP's rule): a cell that begins with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading single quote, so a spreadsheet shows it as text and
/// never runs it (<c>=HYPERLINK(…)</c> → <c>'=HYPERLINK(…)</c>). A plain number such as <c>-0.5</c>, <c>+3</c> or
/// <c>-1.5E-07</c> is left as it is. So that reading back is lossless, a cell that already begins with a quote
/// followed by one of those characters or another quote gets one more quote; <see cref="Restore"/> (used by
/// <see cref="CsvTable"/>) removes exactly one.
/// </summary>
public static partial class CsvCell
{
    /// <summary>The cell as written: prefixed with <c>'</c> when a spreadsheet could take it for a formula.</summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && (IsTrigger(value[0]) && !PlainNumber().IsMatch(value) || value[0] == '\'' && value.Length > 1 && IsEscaped(value[1]))
            ? "'" + value
            : value;

    /// <summary>The value a cell written by <see cref="Neutralise"/> stood for.</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && IsEscaped(cell[1]) ? cell[1..] : cell;

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsEscaped(char c) => IsTrigger(c) || c == '\'';

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}

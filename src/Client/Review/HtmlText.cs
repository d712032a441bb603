using System.Globalization;
using System.Text;

namespace RadiologyNet.Client.Review;

/// <summary>Text for the report's HTML: escaping for element content and quoted attribute values, invariant numbers.</summary>
public static class HtmlText
{
    /// <summary>
    /// Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c>, so the result is safe inside element content
    /// and inside single- or double-quoted attribute values. Control characters other than tab, line feed and carriage
    /// return (which HTML forbids) become U+FFFD. Null gives the empty string.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                default: builder.Append(char.IsControl(c) ? '\uFFFD' : c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>A number with the given .NET format, invariant culture.</summary>
    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators (invariant culture: 12,345).</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage, e.g. 0.917 → "92%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

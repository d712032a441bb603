using RadiologyNet.Client.Review;

namespace RadiologyNet.Client.Tests.Review;

public sealed class HtmlTextTests
{
    [Fact]
    public void Escape_makes_markup_and_quotes_inert()
    {
        Assert.Equal("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;r&#39;", HtmlText.Escape("<script>alert(\"x\")</script> & 'r'"));
        Assert.Equal("CT · HEAD · &quot;hemorrhage, midline&quot;", HtmlText.Escape("CT · HEAD · \"hemorrhage, midline\""));
        Assert.Equal("&amp;amp;", HtmlText.Escape("&amp;"));
    }

    [Fact]
    public void Escape_replaces_forbidden_control_characters_and_keeps_whitespace()
    {
        Assert.Equal("a\uFFFDb\tc\nd", HtmlText.Escape("a\u0001b\tc\nd"));
        Assert.Equal("", HtmlText.Escape(null));
        Assert.Equal("", HtmlText.Escape(""));
    }

    [Fact]
    public void Numbers_are_invariant()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("hr-HR");
            Assert.Equal("1.25", HtmlText.Number(1.25, "0.00"));
            Assert.Equal("12,345", HtmlText.Count(12345));
            Assert.Equal("92%", HtmlText.Percent(0.917));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }
}

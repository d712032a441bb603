namespace RadiologyNet.Client.Tests.Review;

/// <summary>A fact that needs Debian's chromium; skipped with a message naming the install script when it is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!HeadlessChromium.IsInstalled)
            Skip = $"{HeadlessChromium.Executable} is not installed: run scripts/install-test-deps.sh (Debian package chromium)";
    }
}

/// <summary>
/// Regenerates docs/review-report.png: runs only with RADNET_REVIEW_SCREENSHOT=1 (and chromium installed), e.g.
/// <c>RADNET_REVIEW_SCREENSHOT=1 dotnet test tests/Client.Tests --filter FullyQualifiedName~ReviewReportScreenshot</c>.
/// </summary>
public sealed class ReviewScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "RADNET_REVIEW_SCREENSHOT";

    public ReviewScreenshotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"opt-in: set {Variable}=1 to rewrite docs/review-report.png";
        else if (!HeadlessChromium.IsInstalled)
            Skip = $"{HeadlessChromium.Executable} is not installed: run scripts/install-test-deps.sh (Debian package chromium)";
    }
}

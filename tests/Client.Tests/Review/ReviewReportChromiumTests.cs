using SkiaSharp;
using Xunit.Abstractions;

namespace RadiologyNet.Client.Tests.Review;

/// <summary>
/// The report in a real browser: Debian's headless Chromium opens the pages from disk (file:), and the test checks
/// that every request stayed on file: or data:, nothing failed to load, every image decoded, and the screenshot shows
/// something (a PNG of the viewport size that is not one flat colour).
/// </summary>
[Collection(ReviewReportCollection.Name)]
public sealed class ReviewReportChromiumTests(ReviewArchiveFixture fixture, ITestOutputHelper output)
{
    private const int Width = 1366;
    private const int Height = 900;

    [ChromiumFact]
    public async Task Overview_and_a_cluster_page_load_from_disk_with_every_image_and_no_network()
    {
        var largest = fixture.Results.Clusters.MaxBy(c => c.Size)!;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var browser = await HeadlessChromium.LaunchAsync(Width, Height);
        output.WriteLine($"chromium up in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var page in new[] { "index.html", $"cluster-{largest.Id}.html", "map.html" })
        {
            watch.Restart();
            var visit = await browser.VisitAsync(Path.Combine(fixture.ReportFolder, page), Width, Height);
            output.WriteLine($"{page}: {visit.RequestedUrls.Count} requests, {visit.Images} images, screenshot {visit.Screenshot.Length:N0} bytes, {watch.Elapsed.TotalSeconds:0.0} s");
            var expectedImages = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(fixture.ReportFolder, page)), "<img ").Count;
            AssertLoadedCleanly(visit, expectedImages);
            Assert.Contains(visit.RequestedUrls, u => u.EndsWith("/" + page, StringComparison.Ordinal));
            if (page != "map.html") Assert.True(visit.Images > 10, $"{page}: only {visit.Images} images");
            AssertScreenshotShowsSomething(visit.Screenshot);
        }
    }

    [ChromiumFact]
    public async Task A_missing_thumbnail_is_caught_as_a_broken_image()
    {
        // The check must be able to fail: a copy of the report with one thumbnail deleted.
        var copy = Path.Combine(fixture.Root, "report-missing-thumbnail");
        CopyFolder(fixture.ReportFolder, copy);
        var index = File.ReadAllText(Path.Combine(copy, "index.html"));
        var src = System.Text.RegularExpressions.Regex.Match(index, "<img class=\"thumb\" src=\"(?<s>[^\"]+)\"").Groups["s"].Value;
        File.Delete(Path.Combine(copy, src));

        await using var browser = await HeadlessChromium.LaunchAsync(Width, Height);
        var visit = await browser.VisitAsync(Path.Combine(copy, "index.html"), Width, Height);

        Assert.Equal([src], visit.BrokenImages);
        Assert.Contains(visit.FailedRequests, f => f.Contains(src, StringComparison.Ordinal));
    }

    [ReviewScreenshotFact]
    public async Task ReviewReportScreenshot_rewrites_the_docs_image()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs");
        await using var browser = await HeadlessChromium.LaunchAsync(Width, Height);
        var visit = await browser.VisitAsync(Path.Combine(fixture.ReportFolder, "index.html"), Width, Height);
        AssertLoadedCleanly(visit, visit.Images);
        AssertScreenshotShowsSomething(visit.Screenshot);
        var target = Path.Combine(docs, "review-report.png");
        await File.WriteAllBytesAsync(target, visit.Screenshot);
        output.WriteLine($"wrote {target} ({visit.Screenshot.Length:N0} bytes)");

        // The other pages, for a look (not committed): a cluster page and the map, in the temp folder.
        var extra = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "radnet-review-screenshots")).FullName;
        var largest = fixture.Results.Clusters.MaxBy(c => c.Size)!;
        foreach (var (page, name) in new[] { ($"cluster-{largest.Id}.html", "cluster.png"), ("map.html", "map.png") })
        {
            var other = await browser.VisitAsync(Path.Combine(fixture.ReportFolder, page), Width, Height);
            await File.WriteAllBytesAsync(Path.Combine(extra, name), other.Screenshot);
            output.WriteLine($"wrote {Path.Combine(extra, name)}");
        }
    }

    internal static void AssertLoadedCleanly(PageVisit visit, int expectedImages)
    {
        Assert.NotEmpty(visit.RequestedUrls);
        Assert.All(visit.RequestedUrls, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"network request: {url}"));
        Assert.True(visit.FailedRequests.Count == 0, $"{visit.FailedRequests.Count} failed loads, e.g. {string.Join("; ", visit.FailedRequests.Take(3))}");
        Assert.True(visit.BrokenImages.Count == 0, $"{visit.BrokenImages.Count} of {visit.Images} images broken, e.g. {string.Join(", ", visit.BrokenImages.Take(3))}");
        Assert.Equal(expectedImages, visit.Images);
    }

    internal static void AssertScreenshotShowsSomething(byte[] png)
    {
        Assert.True(png.Length > 20_000, $"screenshot is only {png.Length} bytes");
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 7)
            for (var x = 0; x < bitmap.Width; x += 7)
                colours.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"screenshot has only {colours.Count} colours");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("RadiologyNet.slnx not found above " + AppContext.BaseDirectory);
    }
}

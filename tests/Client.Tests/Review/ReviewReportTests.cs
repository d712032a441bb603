using System.Text.RegularExpressions;
using RadiologyNet.Client.Results;
using RadiologyNet.Client.Review;
using RadiologyNet.Dicom;
using SkiaSharp;
using Xunit.Abstractions;

namespace RadiologyNet.Client.Tests.Review;

[Collection(ReviewReportCollection.Name)]
public sealed partial class ReviewReportTests(ReviewArchiveFixture fixture, ITestOutputHelper output)
{
    private IEnumerable<string> Pages => Directory.EnumerateFiles(fixture.ReportFolder, "*.html");

    [Fact]
    public void Writes_an_overview_a_page_per_cluster_a_map_and_a_quarantine_page()
    {
        output.WriteLine($"report of {fixture.Results.Instances.Count} files written in {fixture.WriteTime.TotalSeconds:0.00} s: {fixture.Summary}");
        var s = fixture.Summary;
        Assert.Equal(fixture.Results.Clusters.Count + 3, s.Pages);
        Assert.Equal(s.Pages, Pages.Count());
        Assert.Equal(0, s.ThumbnailsFailed);
        Assert.Equal(Directory.GetFiles(Path.Combine(fixture.ReportFolder, "thumbs")).Length, s.ThumbnailsWritten);
        Assert.Equal(Path.Combine(fixture.ReportFolder, "index.html"), s.IndexPath);
        foreach (var cluster in fixture.Results.Clusters)
            Assert.True(File.Exists(Path.Combine(fixture.ReportFolder, $"cluster-{cluster.Id}.html")), $"cluster-{cluster.Id}.html");
    }

    [Fact]
    public void Every_image_source_is_an_existing_file_inside_the_report()
    {
        var images = 0;
        var decoded = new HashSet<string>();
        foreach (var page in Pages)
        {
            foreach (Match img in ImgTag().Matches(File.ReadAllText(page)))
            {
                var src = Attribute(img.Value, "src");
                Assert.NotNull(src);
                var path = Path.GetFullPath(Path.Combine(fixture.ReportFolder, Uri.UnescapeDataString(src)));
                Assert.StartsWith(fixture.ReportFolder + Path.DirectorySeparatorChar, path);
                Assert.True(File.Exists(path), $"{Path.GetFileName(page)}: <img src=\"{src}\"> does not exist");
                if (decoded.Add(path)) AssertDecodesCompletely(path, int.Parse(Attribute(img.Value, "width")!, System.Globalization.CultureInfo.InvariantCulture));
                images++;
            }
        }
        Assert.True(images > 100, $"{images} images");
    }

    [Fact]
    public void All_links_and_sources_are_relative_and_nothing_is_loaded_from_elsewhere()
    {
        var pageNames = Pages.Select(Path.GetFileName).ToHashSet();
        foreach (var page in Pages)
        {
            var html = File.ReadAllText(page);
            foreach (Match reference in Reference().Matches(html))
            {
                var value = reference.Groups["v"].Value;
                Assert.DoesNotMatch("^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^\\\\", value); // no scheme, no absolute path
                var file = value.Split('#')[0];
                if (reference.Groups["a"].Value == "href" && file.Length > 0)
                    Assert.Contains(file, pageNames);
            }
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Texts_are_escaped()
    {
        var index = Read("index.html");
        var quoted = fixture.Results.Clusters.First(c => c.Name.Contains('"'));
        Assert.Contains(HtmlText.Escape(quoted.Name), index);
        Assert.DoesNotContain(quoted.Name, index);
        var quarantine = Read("quarantine.html");
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;reason&#39;", quarantine);
        Assert.DoesNotContain("<script>", quarantine);
    }

    [Fact]
    public void Overview_has_a_card_per_cluster_with_the_medoid_and_eleven_members_and_the_metrics()
    {
        var index = Read("index.html");
        var cards = Card().Matches(index).Select(m => m.Value).ToList();
        Assert.Equal(fixture.Results.Clusters.Count, cards.Count);
        foreach (var card in cards)
        {
            Assert.Equal(12, ImgTag().Matches(card).Count);
            Assert.Single(Regex.Matches(card, "class=\"thumb medoid\""));
            Assert.Contains("images</span>", card);
            Assert.Equal(2, Regex.Matches(card, "<svg class=\"bar\"").Count);
        }
        var sizes = fixture.Results.Clusters.OrderByDescending(c => c.Size).ThenBy(c => c.Id).Select(c => $"id=\"c{c.Id}\"").ToList();
        Assert.Equal(sizes, cards.Select(c => Regex.Match(c, "id=\"c\\d+\"").Value));
        Assert.Contains("<table class=\"metrics\">", index);
        Assert.Contains("homogeneity", index);
        Assert.Contains("href=\"map.html\"", index);
    }

    [Fact]
    public void Cluster_page_shows_members_nearest_first_and_the_spread()
    {
        var cluster = fixture.Results.Clusters.MaxBy(c => c.Size)!;
        var page = Read($"cluster-{cluster.Id}.html");
        var members = fixture.Results.MembersOf(cluster.Id);
        Assert.Contains($"Members, nearest first ({members.Count} of {members.Count})", page);
        Assert.Contains("nearest · d ", page);
        Assert.Contains("furthest · d ", page);
        Assert.Contains("<svg class=\"hist\"", page);
        var borderline = members.Where(m => m.Margin is not null).OrderBy(m => m.Margin).ThenBy(m => m.SopInstanceUid, StringComparer.Ordinal).First();
        Assert.Contains($"<figcaption>margin {HtmlText.Number(borderline.Margin!.Value, "0.###")} · <a href=\"cluster-{borderline.RunnerUp}.html\">#{borderline.RunnerUp}</a></figcaption>", page);
        foreach (var term in cluster.Terms) Assert.Contains($"<span>{HtmlText.Escape(term)}</span>", page);
        var medoid = fixture.Results.FindInstance(cluster.MedoidSop)!;
        Assert.Contains($"i{fixture.Results.Instances.ToList().IndexOf(medoid):D6}-256.png", page);
        // Captions "1. … d 0.123", "2. …" are in ascending distance.
        var distances = Regex.Matches(page, "<figcaption>\\d+\\. [^<]* d (?<d>[0-9.]+)</figcaption>").Select(m => double.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(members.Count, distances.Count);
        Assert.Equal(distances.Order(), distances);
    }

    [Fact]
    public void Map_draws_every_annotated_image_coloured_by_cluster_without_identifiers()
    {
        var map = Read("map.html");
        var circles = Regex.Matches(map, "<circle cx=\"[-0-9.]+\" cy=\"[-0-9.]+\" r=\"3.2\"><title>#(?<c>\\d+) ").Select(m => m.Groups["c"].Value).ToList();
        Assert.Equal(fixture.Results.Instances.Count(i => i.Cluster is not null), circles.Count);
        Assert.Equal(fixture.Results.Clusters.Count, Regex.Matches(map, "<g fill=\"[^\"]+\" fill-opacity").Count);
        Assert.Equal(fixture.Results.Clusters.Count, Regex.Matches(map, "centre of cluster #").Count);
        foreach (var instance in fixture.Results.Instances)
            Assert.DoesNotContain(instance.SopInstanceUid, map);
    }

    [Fact]
    public void Map_of_a_large_archive_draws_an_even_sample_and_says_so()
    {
        var folder = Path.Combine(fixture.Root, "report-sampled-map");
        ReviewReport.Write(fixture.Results, folder, new ReviewReportOptions { MaxMapPoints = 10, MontageMembers = 1, ClusterPageMembers = 1, SpreadPicks = 1 });
        var map = File.ReadAllText(Path.Combine(folder, "map.html"));
        Assert.Equal(10, Regex.Matches(map, "r=\"3.2\"><title>").Count);
        Assert.Contains("Showing an even sample of 10 of 132 images.", map);
    }

    [Fact]
    public void No_patient_data_from_the_files_reaches_the_report()
    {
        Assert.NotEmpty(fixture.PatientNames);
        foreach (var page in Pages)
        {
            var html = File.ReadAllText(page);
            foreach (var name in fixture.PatientNames)
                Assert.DoesNotContain(HtmlText.Escape(name), html);
        }
    }

    [Fact]
    public void Quarantine_page_counts_files_by_reason()
    {
        var page = Read("quarantine.html");
        Assert.Contains("<tr><td>blank image (every pixel has the same value)</td><td class=\"num\">1</td></tr>", page);
        Assert.Contains("S9999/SE1/IM0001.dcm", page);
    }

    [Fact]
    public void Thumbnails_are_square_pngs_of_the_rendered_pixels()
    {
        var medoid = fixture.Results.FindInstance(fixture.Results.Clusters[0].MedoidSop)!;
        var png = Path.Combine(fixture.ReportFolder, "thumbs", $"i{fixture.Results.Instances.ToList().IndexOf(medoid):D6}-128.png");
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((128, 128), (bitmap.Width, bitmap.Height));
        var dicom = DicomReader.ReadFile(fixture.Results.LocalPath(medoid)!);
        var expected = ThumbnailRenderer.Square(PixelPipeline.Render(dicom.Dataset, dicom.TransferSyntaxUid), 128);
        var value = expected.Data[64 * 128 * expected.Channels + 64 * expected.Channels];
        Assert.Equal((byte)Math.Clamp(MathF.Round(value * 255f), 0, 255), bitmap.GetPixel(64, 64).Red);
    }

    [Fact]
    public void Square_letterboxes_with_black_and_keeps_colour_interleaved()
    {
        // 4 × 2 RGB: red left half, blue right half → 4 × 4 with a black row above and below.
        var data = new float[4 * 2 * 3];
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 4; x++)
                data[(y * 4 + x) * 3 + (x < 2 ? 0 : 2)] = 1;
        var square = ThumbnailRenderer.Square(new FloatImage(4, 2, 3, data), 4);
        Assert.Equal((4, 4, 3), (square.Width, square.Height, square.Channels));
        float[] Pixel(int x, int y) => square.Data.AsSpan((y * 4 + x) * 3, 3).ToArray();
        Assert.Equal([0f, 0f, 0f], Pixel(0, 0));
        Assert.Equal([1f, 0f, 0f], Pixel(0, 1));
        Assert.Equal([0f, 0f, 1f], Pixel(3, 2));
        Assert.Equal([0f, 0f, 0f], Pixel(3, 3));
    }

    [Fact]
    public void An_image_that_cannot_be_rendered_gets_a_placeholder_with_its_reason_not_a_broken_img()
    {
        var results = fixture.Results;
        var victim = results.FindInstance(results.Clusters[0].MedoidSop)!;
        var broken = victim with { File = "S0000/SE1/missing.dcm" };
        var instances = results.Instances.Select(i => ReferenceEquals(i, victim) ? broken : i).ToList();
        var notDicom = instances.First(i => i.Cluster == results.Clusters[1].Id && i.SopInstanceUid == results.Clusters[1].MedoidSop);
        var garbage = Path.Combine(fixture.Root, "garbage.dcm");
        File.WriteAllText(garbage, "not a DICOM file");
        instances[instances.IndexOf(notDicom)] = notDicom with { File = "../garbage.dcm" };
        var folder = Path.Combine(fixture.Root, "report-with-failures");

        var summary = ReviewReport.Write(results with { Instances = instances }, folder, new ReviewReportOptions { ClusterPageMembers = 4, MontageMembers = 3 });

        Assert.Equal(4, summary.ThumbnailsFailed); // two instances at 128 and 256 px
        Assert.Contains(summary.Failures, f => f.File == broken.File && f.Reason == $"file not found: {broken.File}");
        Assert.Contains(summary.Failures, f => f.File == "../garbage.dcm" && f.Reason.Length > 0);
        var index = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.Contains($"not rendered: file not found: {broken.File}</title>", index);
        Assert.Equal(2, Regex.Matches(index, "<svg class=\"thumb medoid missing\"").Count);
        foreach (Match img in ImgTag().Matches(index))
            Assert.True(File.Exists(Path.Combine(folder, Attribute(img.Value, "src")!)));
    }

    /// <summary>
    /// Every byte of the PNG decodes (a browser shows a truncated PNG as complete with its header's size, so only a
    /// full decode catches it) into a square of the <c>width</c> the page declares.
    /// </summary>
    private static void AssertDecodesCompletely(string path, int size)
    {
        using var codec = SKCodec.Create(path);
        Assert.NotNull(codec);
        Assert.Equal((size, size), (codec.Info.Width, codec.Info.Height));
        using var bitmap = new SKBitmap(codec.Info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(codec.Info, bitmap.GetPixels()));
    }

    private string Read(string page) => File.ReadAllText(Path.Combine(fixture.ReportFolder, page));

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"");
        return m.Success ? System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value) : null;
    }

    [GeneratedRegex("<img\\s[^>]*>")]
    private static partial Regex ImgTag();

    [GeneratedRegex("\\s(?<a>href|src|xlink:href|action|poster)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("<article class=\"card\".*?</article>", RegexOptions.Singleline)]
    private static partial Regex Card();
}

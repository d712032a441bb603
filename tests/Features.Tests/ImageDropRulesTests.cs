using RadiologyNet.Dicom;
using RadiologyNet.Features.Images;

namespace RadiologyNet.Features.Tests;

public sealed class ImageDropRulesTests
{
    private static readonly ImageDropRuleOptions Defaults = new();

    [Fact]
    public void A_full_range_image_passes()
    {
        var (stored, rendered) = Ramp(64, 64, levels: 256);
        Assert.Null(ImageDropRules.Check(stored, rendered, Defaults));
    }

    [Fact]
    public void A_sliver_breaks_the_aspect_ratio_rule()
    {
        var (stored, rendered) = Ramp(200, 19, levels: 256);
        Assert.Equal("aspect ratio 0.095 below 0.1", ImageDropRules.Check(stored, rendered, Defaults));
    }

    [Fact]
    public void A_constant_frame_is_blank()
    {
        var stored = new PixelValues(4, 4, 1, Enumerable.Repeat(25.0, 16).ToArray());
        var rendered = new FloatImage(4, 4, 1, new float[16]);
        Assert.Equal("blank image (every pixel has the same value)", ImageDropRules.Check(stored, rendered, Defaults));
    }

    [Fact]
    public void Sixty_four_levels_are_an_effective_bit_depth_of_six()
    {
        var (stored, rendered) = Ramp(64, 64, levels: 64);
        Assert.Equal("effective bit depth 6 below 7", ImageDropRules.Check(stored, rendered, Defaults));
    }

    [Fact]
    public void A_near_binary_render_breaks_histogram_occupancy()
    {
        var stored = new PixelValues(16, 16, 1, Enumerable.Range(0, 256).Select(i => (double)i * 10).ToArray());
        var rendered = new FloatImage(16, 16, 1, Enumerable.Range(0, 256).Select(i => i % 2 == 0 ? 0f : 1f).ToArray());
        Assert.Equal(2 / 256.0, ImageDropRules.HistogramOccupancy(rendered.Data));
        Assert.Equal("histogram occupancy 0.008 at most 0.1", ImageDropRules.Check(stored, rendered, Defaults));
    }

    [Fact]
    public void Occupancy_counts_each_bin_once_and_clamps_the_top()
    {
        Assert.Equal(3 / 256.0, ImageDropRules.HistogramOccupancy([0f, 0.001f, 0.5f, 1f, 1f]));
    }

    private static (PixelValues, FloatImage) Ramp(int width, int height, int levels)
    {
        var n = width * height;
        var stored = Enumerable.Range(0, n).Select(i => (double)(i % levels)).ToArray();
        var rendered = stored.Select(v => (float)(v / (levels - 1))).ToArray();
        return (new PixelValues(width, height, 1, stored), new FloatImage(width, height, 1, rendered));
    }
}

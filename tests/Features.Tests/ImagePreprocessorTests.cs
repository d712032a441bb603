using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Tests;

public sealed class ImagePreprocessorTests
{
    [Theory]
    [InlineData(224, 224, 224, 224, 224, 0, 0)]
    [InlineData(448, 224, 224, 224, 112, 0, 56)]
    [InlineData(100, 300, 224, 75, 224, 74, 0)] // 74.67 → 75, padding 149 → 74 left, 75 right
    [InlineData(1000, 1, 224, 224, 1, 0, 111)] // never collapses to 0 rows
    [InlineData(2, 1, 4, 4, 2, 0, 1)]
    [InlineData(3, 2, 4, 4, 3, 0, 0)] // 2.67 → 3, padding 1 → 0 top, 1 bottom
    public void Geometry(int w, int h, int size, int ew, int eh, int ox, int oy) =>
        Assert.Equal(new LetterboxGeometry(ew, eh, ox, oy), ImagePreprocessor.ComputeGeometry(w, h, size));

    [Fact]
    public void Upscaling_is_bilinear_with_half_pixel_centres_and_zero_padding()
    {
        // 2×1 [a b] into 4×4: resized to 4×2 at rows 1..2.
        var img = new FloatImage(2, 1, 1, [0.2f, 1.0f]);
        var o = ImagePreprocessor.Letterbox(img, 4);
        float a = 0.2f, b = 1.0f;
        float[] row = [a, 0.75f * a + 0.25f * b, 0.25f * a + 0.75f * b, b];
        float[] expected = [0, 0, 0, 0, .. row, .. row, 0, 0, 0, 0];
        Assert.Equal(expected, o);
    }

    [Fact]
    public void Downscaling_averages_by_area()
    {
        // 4×2 into 2×2: resized to 2×1 (top row), each output = mean of a 2×2 block.
        var img = new FloatImage(4, 2, 1, [0.0f, 0.2f, 0.4f, 0.6f,
                                           0.1f, 0.3f, 0.5f, 0.7f]);
        var o = ImagePreprocessor.Letterbox(img, 2);
        Assert.Equal(4, o.Length);
        Assert.Equal(0.15f, o[0], 6);
        Assert.Equal(0.55f, o[1], 6);
        Assert.Equal(0f, o[2]);
        Assert.Equal(0f, o[3]);
    }

    [Fact]
    public void Fractional_area_weights()
    {
        // 3 pixels → 2: output 0 covers [0,1.5): (1*p0 + 0.5*p1)/1.5; output 1 covers [1.5,3).
        var img = new FloatImage(3, 3, 1, [0.3f, 0.6f, 0.9f, 0.3f, 0.6f, 0.9f, 0.3f, 0.6f, 0.9f]);
        var o = ImagePreprocessor.Letterbox(img, 2);
        Assert.Equal((0.3f + 0.5f * 0.6f) / 1.5f, o[0], 6);
        Assert.Equal((0.5f * 0.6f + 0.9f) / 1.5f, o[1], 6);
        Assert.Equal(o[0], o[2], 6);
    }

    [Fact]
    public void Same_size_is_an_exact_copy_and_rgb_becomes_planar()
    {
        var data = Enumerable.Range(0, 2 * 2 * 3).Select(i => i / 12f).ToArray();
        var o = ImagePreprocessor.Letterbox(new FloatImage(2, 2, 3, data), 2);
        for (var c = 0; c < 3; c++)
        for (var p = 0; p < 4; p++)
            Assert.Equal(data[p * 3 + c], o[c * 4 + p]);
    }

    [Fact]
    public void Constant_image_stays_constant_inside_the_box()
    {
        var img = new FloatImage(517, 301, 1, Enumerable.Repeat(0.625f, 517 * 301).ToArray());
        var o = ImagePreprocessor.Letterbox(img, 224);
        var g = ImagePreprocessor.ComputeGeometry(517, 301, 224);
        for (var y = 0; y < 224; y++)
        for (var x = 0; x < 224; x++)
        {
            var inside = x >= g.OffsetX && x < g.OffsetX + g.Width && y >= g.OffsetY && y < g.OffsetY + g.Height;
            Assert.Equal(inside ? 0.625f : 0f, o[y * 224 + x], 5);
        }
    }
}

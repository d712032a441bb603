using RadiologyNet.Client.Output;
using RadiologyNet.Dicom;
using SkiaSharp;

namespace RadiologyNet.Client.Tests;

public class PngWriterTests
{
    [Fact]
    public void Grey_frame_round_trips_through_png_with_rounding_and_clamping()
    {
        var png = PngWriter.Encode(new FloatImage(4, 1, 1, [0f, 0.5f, 1f, 1.5f]));
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((4, 1), (decoded.Width, decoded.Height));
        Assert.Equal(new byte[] { 0, 128, 255, 255 }, Enumerable.Range(0, 4).Select(x => decoded.GetPixel(x, 0).Red).ToArray());
    }

    [Fact]
    public void Colour_frame_keeps_its_channels()
    {
        var png = PngWriter.Encode(new FloatImage(1, 1, 3, [1f, 0.2f, 0f]));
        using var decoded = SKBitmap.Decode(png);
        var c = decoded.GetPixel(0, 0);
        Assert.Equal((255, 51, 0, 255), (c.Red, c.Green, c.Blue, c.Alpha));
    }
}

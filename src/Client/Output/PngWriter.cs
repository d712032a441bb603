using RadiologyNet.Dicom;
using SkiaSharp;

namespace RadiologyNet.Client.Output;

/// <summary>Writes a rendered frame (<see cref="FloatImage"/>, values in [0, 1]) as an 8-bit greyscale or RGB PNG with SkiaSharp.</summary>
public static class PngWriter
{
    /// <summary>Encodes the image as PNG bytes: one channel → 8-bit grey, three → RGB (opaque).</summary>
    public static byte[] Encode(FloatImage image)
    {
        var grey = image.Channels == 1;
        var info = new SKImageInfo(image.Width, image.Height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var pixels = bitmap.GetPixelSpan();
        var data = image.Data;
        if (grey)
        {
            for (var i = 0; i < data.Length; i++) pixels[i] = ToByte(data[i]);
        }
        else
        {
            for (int i = 0, o = 0; i < data.Length; i += 3, o += 4)
            {
                pixels[o] = ToByte(data[i]);
                pixels[o + 1] = ToByte(data[i + 1]);
                pixels[o + 2] = ToByte(data[i + 2]);
                pixels[o + 3] = 255;
            }
        }
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
        return encoded.ToArray();
    }

    /// <summary>Writes the PNG file.</summary>
    public static void Write(string path, FloatImage image) => File.WriteAllBytes(path, Encode(image));

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v * 255f), 0f, 255f);
}

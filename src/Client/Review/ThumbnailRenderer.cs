using RadiologyNet.Client.Output;
using RadiologyNet.Dicom;
using RadiologyNet.Features;

namespace RadiologyNet.Client.Review;

/// <summary>
/// Renders a DICOM file into a square PNG thumbnail as a viewer would show it: <see cref="PixelPipeline.Render"/>
/// (modality LUT, the file's window, inversion, colour conversion; the middle frame), then
/// <see cref="ImagePreprocessor.Letterbox(FloatImage, int)"/> (aspect-preserving area-average resize, black padding),
/// then <see cref="PngWriter.Encode"/> (SkiaSharp, 8-bit grey or RGB).
/// </summary>
public static class ThumbnailRenderer
{
    /// <summary>PNG bytes of a <paramref name="size"/> × <paramref name="size"/> thumbnail of the DICOM file at <paramref name="path"/>.</summary>
    /// <exception cref="DicomFormatException">The file is not DICOM or its pixels cannot be decoded or rendered.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[] RenderPng(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var dicom = DicomReader.ReadFile(path);
        var image = PixelPipeline.Render(dicom.Dataset, dicom.TransferSyntaxUid);
        return PngWriter.Encode(Square(image, size));
    }

    /// <summary>The image letterboxed into a size × size square (black padding), channel-interleaved again.</summary>
    public static FloatImage Square(FloatImage image, int size)
    {
        var planar = ImagePreprocessor.Letterbox(image, size);
        if (image.Channels == 1) return new FloatImage(size, size, 1, planar);
        var plane = size * size;
        var interleaved = new float[planar.Length];
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < 3; c++)
                interleaved[i * 3 + c] = planar[c * plane + i];
        return new FloatImage(size, size, 3, interleaved);
    }
}

namespace RadiologyNet.Dicom;

/// <summary>One frame's values (stored values or modality values such as HU), row-major, samples interleaved.</summary>
public sealed class PixelValues(int width, int height, int channels, double[] values)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int Channels { get; } = channels;
    public double[] Values { get; } = values;
}

namespace RadiologyNet.Dicom;

/// <summary>
/// A rendered frame: row-major, channel-interleaved floats in [0, 1] after modality LUT, VOI window and
/// inversion. One channel for greyscale, three (R, G, B) for colour.
/// </summary>
public sealed class FloatImage
{
    public FloatImage(int width, int height, int channels, float[] data)
    {
        if (width <= 0 || height <= 0 || channels is not (1 or 3) || data.Length != width * height * channels)
            throw new ArgumentException($"inconsistent image {width}x{height}x{channels} with {data.Length} values");
        Width = width;
        Height = height;
        Channels = channels;
        Data = data;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public float[] Data { get; }
}

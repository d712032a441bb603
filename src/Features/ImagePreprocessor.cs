using System.Buffers;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features;

/// <summary>Where the resized image sits inside the square model input.</summary>
/// <param name="Width">Width of the resized image in output pixels.</param>
/// <param name="Height">Height of the resized image in output pixels.</param>
/// <param name="OffsetX">Columns of zero padding on the left.</param>
/// <param name="OffsetY">Rows of zero padding on the top.</param>
public readonly record struct LetterboxGeometry(int Width, int Height, int OffsetX, int OffsetY);

/// <summary>
/// Geometry half of the image preprocessing: aspect-preserving resize into a square, zero-padded ("letterbox").
/// <list type="bullet">
/// <item>Scale = size / max(width, height); the long side becomes exactly <c>size</c>, the short side
/// round(side × scale) (half away from zero, at least 1). The image is centred; odd padding puts the extra
/// pixel at the right / bottom.</item>
/// <item>Each axis is resampled separately. Shrinking an axis averages by area (every source pixel weighs by
/// the fraction of it inside the output pixel: an exact box filter, no aliasing). Growing (or keeping) an axis is
/// bilinear with pixel centres at +0.5 (align_corners = false) and edge clamping; equal sizes copy exactly.</item>
/// <item>Output is planar (channel-major), one plane per input channel, values as in the input ([0, 1]), padding 0.</item>
/// </list>
/// </summary>
public static class ImagePreprocessor
{
    /// <summary>The letterbox geometry of a width × height image in a size × size square.</summary>
    public static LetterboxGeometry ComputeGeometry(int width, int height, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        int w, h;
        if (width >= height)
        {
            w = size;
            h = (int)Math.Clamp((long)Math.Round((double)height * size / width, MidpointRounding.AwayFromZero), 1, size);
        }
        else
        {
            h = size;
            w = (int)Math.Clamp((long)Math.Round((double)width * size / height, MidpointRounding.AwayFromZero), 1, size);
        }
        return new LetterboxGeometry(w, h, (size - w) / 2, (size - h) / 2);
    }

    /// <summary>
    /// Letterboxes <paramref name="image"/> into <paramref name="destination"/>: image.Channels planes of
    /// size × size floats (planar, row-major), zero outside the resized image.
    /// </summary>
    public static LetterboxGeometry Letterbox(FloatImage image, int size, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plane = size * size;
        if (destination.Length < image.Channels * plane)
            throw new ArgumentException($"destination holds {destination.Length} floats, needs {image.Channels * plane}");
        var g = ComputeGeometry(image.Width, image.Height, size);
        destination[..(image.Channels * plane)].Clear();
        var xw = AxisWeights.Create(image.Width, g.Width);
        var yw = AxisWeights.Create(image.Height, g.Height);
        var src = image.Data;
        var channels = image.Channels;
        var rowBuffer = ArrayPool<float>.Shared.Rent(image.Height * g.Width); // horizontally resampled rows of one channel
        try
        {
        for (var c = 0; c < channels; c++)
        {
            // Pass 1: horizontal, every source row -> g.Width columns.
            for (var y = 0; y < image.Height; y++)
            {
                var rowStart = y * image.Width;
                for (var x = 0; x < g.Width; x++)
                {
                    var (start, count, offset) = xw.Spans[x];
                    var sum = 0f;
                    for (var k = 0; k < count; k++) sum += xw.Weights[offset + k] * src[(rowStart + start + k) * channels + c];
                    rowBuffer[y * g.Width + x] = sum;
                }
            }
            // Pass 2: vertical, into the padded square.
            var dest = destination.Slice(c * plane, plane);
            for (var y = 0; y < g.Height; y++)
            {
                var (start, count, offset) = yw.Spans[y];
                var outRow = dest.Slice((g.OffsetY + y) * size + g.OffsetX, g.Width);
                for (var k = 0; k < count; k++)
                {
                    var w = yw.Weights[offset + k];
                    var inRow = rowBuffer.AsSpan((start + k) * g.Width, g.Width);
                    for (var x = 0; x < outRow.Length; x++) outRow[x] += w * inRow[x];
                }
            }
        }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rowBuffer);
        }
        return g;
    }

    /// <summary>Convenience overload: returns a new planar array of image.Channels × size × size floats.</summary>
    public static float[] Letterbox(FloatImage image, int size)
    {
        var result = new float[image.Channels * size * size];
        Letterbox(image, size, result);
        return result;
    }

    /// <summary>Resampling weights of one axis: for each output pixel a run of consecutive source pixels and their weights.</summary>
    internal sealed class AxisWeights
    {
        private AxisWeights((int Start, int Count, int Offset)[] spans, float[] weights)
        {
            Spans = spans;
            Weights = weights;
        }

        public (int Start, int Count, int Offset)[] Spans { get; }
        public float[] Weights { get; }

        public static AxisWeights Create(int sourceLength, int destinationLength)
        {
            var spans = new (int, int, int)[destinationLength];
            var weights = new List<float>(destinationLength * 2);
            if (destinationLength < sourceLength)
            {
                // Area average: output pixel i covers [i*s, (i+1)*s) in source coordinates, s = src/dst.
                var scale = (double)sourceLength / destinationLength;
                for (var i = 0; i < destinationLength; i++)
                {
                    var lo = i * scale;
                    var hi = Math.Min((i + 1) * scale, sourceLength);
                    var first = (int)Math.Floor(lo);
                    var last = Math.Min((int)Math.Ceiling(hi) - 1, sourceLength - 1);
                    var offset = weights.Count;
                    for (var j = first; j <= last; j++)
                        weights.Add((float)((Math.Min(hi, j + 1) - Math.Max(lo, j)) / scale));
                    spans[i] = (first, last - first + 1, offset);
                }
            }
            else
            {
                // Bilinear, pixel centres at +0.5, clamped at the edges.
                var scale = (double)sourceLength / destinationLength;
                for (var i = 0; i < destinationLength; i++)
                {
                    var x = Math.Clamp((i + 0.5) * scale - 0.5, 0, sourceLength - 1);
                    var j0 = (int)Math.Floor(x);
                    var f = x - j0;
                    var offset = weights.Count;
                    if (f == 0 || j0 + 1 >= sourceLength)
                    {
                        weights.Add(1f);
                        spans[i] = (j0, 1, offset);
                    }
                    else
                    {
                        weights.Add((float)(1 - f));
                        weights.Add((float)f);
                        spans[i] = (j0, 2, offset);
                    }
                }
            }
            return new AxisWeights(spans, weights.ToArray());
        }
    }
}

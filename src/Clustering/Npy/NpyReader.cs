using System.Runtime.InteropServices;

namespace RadiologyNet.Clustering.Npy;

/// <summary>
/// Reads C-order little-endian .npy files (format 1.0 / 2.0) into flat arrays: float matrices for data and
/// integer vectors for labels. Never trusts the declared shape: the data must be present in full.
/// </summary>
public static class NpyReader
{
    /// <summary>
    /// A 2-D float32 or float64 array as float32 (float64 is rounded to nearest), row-major n × d.
    /// A 1-D array is read as n × 1.
    /// </summary>
    public static float[] ReadMatrix(string path, out int rows, out int cols)
    {
        using var stream = File.OpenRead(path);
        return ReadMatrix(stream, out rows, out cols);
    }

    /// <summary>As <see cref="ReadMatrix(string, out int, out int)"/> from a stream positioned at the magic string.</summary>
    public static float[] ReadMatrix(Stream stream, out int rows, out int cols)
    {
        var header = NpyHeader.Read(stream);
        if (header.Shape.Length is not (1 or 2))
            throw new NpyFormatException($"Expected a 2-D (n × d) array, got shape ({string.Join(", ", header.Shape)}).");
        long n = header.Shape[0], d = header.Shape.Length == 2 ? header.Shape[1] : 1;
        if (n > int.MaxValue || d > int.MaxValue || n * d > Array.MaxLength)
            throw new NpyFormatException($"Array of {n} × {d} is too large to load at once.");
        rows = (int)n;
        cols = (int)d;
        var values = new float[n * d];
        switch (header.DataType)
        {
            case NpyDataType.Float32:
                ReadData(stream, MemoryMarshal.AsBytes(values.AsSpan()));
                break;
            case NpyDataType.Float64:
                var chunk = new double[Math.Min(values.Length, 1 << 16)];
                for (int o = 0; o < values.Length; o += chunk.Length)
                {
                    int len = Math.Min(chunk.Length, values.Length - o);
                    ReadData(stream, MemoryMarshal.AsBytes(chunk.AsSpan(0, len)));
                    for (int i = 0; i < len; i++) values[o + i] = (float)chunk[i];
                }
                break;
            default:
                throw new NpyFormatException($"Expected float32 or float64 data, got {header.Descr} (an integer array).");
        }
        return values;
    }

    /// <summary>A 1-D int32 or int64 label vector (int64 values must fit in int32). An n × 1 array is accepted too.</summary>
    public static int[] ReadLabels(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadLabels(stream);
    }

    /// <summary>As <see cref="ReadLabels(string)"/> from a stream positioned at the magic string.</summary>
    public static int[] ReadLabels(Stream stream)
    {
        var header = NpyHeader.Read(stream);
        bool vector = header.Shape.Length == 1 || (header.Shape.Length == 2 && header.Shape[1] == 1);
        if (!vector) throw new NpyFormatException($"Expected a 1-D label array, got shape ({string.Join(", ", header.Shape)}).");
        long n = header.Shape[0];
        if (n > Array.MaxLength) throw new NpyFormatException($"{n} labels are too many to load.");
        var labels = new int[n];
        switch (header.DataType)
        {
            case NpyDataType.Int32:
                ReadData(stream, MemoryMarshal.AsBytes(labels.AsSpan()));
                break;
            case NpyDataType.Int64:
                var chunk = new long[Math.Min(labels.Length, 1 << 16)];
                for (int o = 0; o < labels.Length; o += chunk.Length)
                {
                    int len = Math.Min(chunk.Length, labels.Length - o);
                    ReadData(stream, MemoryMarshal.AsBytes(chunk.AsSpan(0, len)));
                    for (int i = 0; i < len; i++)
                    {
                        long v = chunk[i];
                        if (v is < int.MinValue or > int.MaxValue) throw new NpyFormatException($"Label {o + i} = {v} does not fit in int32.");
                        labels[o + i] = (int)v;
                    }
                }
                break;
            default:
                throw new NpyFormatException($"Expected int32 or int64 labels, got {header.Descr} (a float array).");
        }
        return labels;
    }

    private static void ReadData(Stream stream, Span<byte> destination)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The .npy reader needs a little-endian host.");
        try { stream.ReadExactly(destination); }
        catch (EndOfStreamException) { throw new NpyFormatException("Truncated .npy file: the data are shorter than the header's shape says."); }
    }
}

using System.Runtime.InteropServices;

namespace RadiologyNet.Clustering.Npy;

/// <summary>Writes C-order little-endian .npy files as numpy does (format 1.0, or 2.0 for huge headers; 64-byte alignment).</summary>
public static class NpyWriter
{
    /// <summary>A float32 array of the given shape (default: 1-D).</summary>
    public static void Write(string path, ReadOnlySpan<float> values, params long[] shape) =>
        WriteFile(path, NpyDataType.Float32, MemoryMarshal.AsBytes(values), values.Length, shape);

    /// <summary>A float64 array of the given shape (default: 1-D).</summary>
    public static void Write(string path, ReadOnlySpan<double> values, params long[] shape) =>
        WriteFile(path, NpyDataType.Float64, MemoryMarshal.AsBytes(values), values.Length, shape);

    /// <summary>An int32 array of the given shape (default: 1-D), e.g. labels.</summary>
    public static void Write(string path, ReadOnlySpan<int> values, params long[] shape) =>
        WriteFile(path, NpyDataType.Int32, MemoryMarshal.AsBytes(values), values.Length, shape);

    /// <summary>An int64 array of the given shape (default: 1-D).</summary>
    public static void Write(string path, ReadOnlySpan<long> values, params long[] shape) =>
        WriteFile(path, NpyDataType.Int64, MemoryMarshal.AsBytes(values), values.Length, shape);

    /// <summary>Writes header and data to a stream.</summary>
    public static void Write(Stream stream, NpyDataType type, ReadOnlySpan<byte> data, long count, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The .npy writer needs a little-endian host.");
        long[] s = shape.Length == 0 ? [count] : shape;
        var header = new NpyHeader(type, s);
        if (header.Count != count) throw new ArgumentException($"Shape ({string.Join(", ", s)}) holds {header.Count} elements, not {count}.", nameof(shape));
        if (data.Length != count * header.ElementSize) throw new ArgumentException("Data length does not match the element count.", nameof(data));
        stream.Write(header.ToBytes());
        stream.Write(data);
    }

    private static void WriteFile(string path, NpyDataType type, ReadOnlySpan<byte> data, long count, long[] shape)
    {
        using var stream = File.Create(path);
        Write(stream, type, data, count, shape);
    }
}

using System.Runtime.InteropServices;
using System.Text.Json;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>Reads the shared reference format: little-endian float32 row-major with a JSON header (n, d) beside it.</summary>
public static class F32File
{
    /// <summary>The matrix and its shape.</summary>
    public static float[] Read(string path, out int n, out int d)
    {
        var header = JsonDocument.Parse(File.ReadAllText(path + ".json")).RootElement;
        n = header.GetProperty("n").GetInt32();
        d = header.GetProperty("d").GetInt32();
        var values = new float[(long)n * d];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}

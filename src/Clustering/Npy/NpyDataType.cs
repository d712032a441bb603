namespace RadiologyNet.Clustering.Npy;

/// <summary>The element types our .npy reader and writer support (all little-endian).</summary>
public enum NpyDataType
{
    /// <summary><c>&lt;f4</c>: IEEE float32.</summary>
    Float32,
    /// <summary><c>&lt;f8</c>: IEEE float64.</summary>
    Float64,
    /// <summary><c>&lt;i4</c>: signed 32-bit integer.</summary>
    Int32,
    /// <summary><c>&lt;i8</c>: signed 64-bit integer.</summary>
    Int64,
}

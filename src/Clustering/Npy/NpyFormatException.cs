namespace RadiologyNet.Clustering.Npy;

/// <summary>A .npy file that is malformed or uses a feature we do not support (Fortran order, big-endian, object arrays, ...).</summary>
public sealed class NpyFormatException(string message) : FormatException(message);

using System.Numerics.Tensors;

namespace RadiologyNet.Features;

/// <summary>
/// Seeded sparse random projection (Achlioptas 2003, "Database-friendly random projections"): y = R x with
/// R[i, j] = sqrt(3 / D) × (+1 with probability 1/6, 0 with 2/3, −1 with 1/6), D the output dimension. Pairwise
/// distances are preserved in expectation (Johnson–Lindenstrauss). It needs no fitting, so it works on a stream: the
/// matrix depends only on (input dimension, output dimension, seed) through our own SplitMix64 generator, so every
/// process and silo projects the same way. Thread-safe after construction.
/// </summary>
public sealed class RandomProjection
{
    private readonly float[] _matrix; // row-major [OutputDimension, InputDimension]

    /// <summary>Builds the matrix.</summary>
    public RandomProjection(int inputDimension, int outputDimension, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDimension, 1);
        InputDimension = inputDimension;
        OutputDimension = outputDimension;
        Seed = seed;
        _matrix = new float[checked(inputDimension * outputDimension)];
        var scale = MathF.Sqrt(3f / outputDimension);
        var state = (ulong)seed;
        for (var i = 0; i < _matrix.Length; i++)
        {
            var u = SplitMix64(ref state) % 6;
            _matrix[i] = u == 0 ? scale : u == 1 ? -scale : 0f;
        }
    }

    /// <summary>Length of the vectors projected.</summary>
    public int InputDimension { get; }

    /// <summary>Length of the projections.</summary>
    public int OutputDimension { get; }

    /// <summary>The seed of the matrix.</summary>
    public long Seed { get; }

    /// <summary>Projects one vector.</summary>
    public float[] Project(ReadOnlySpan<float> x)
    {
        var y = new float[OutputDimension];
        Project(x, y);
        return y;
    }

    /// <summary>Projects one vector into <paramref name="destination"/> (<see cref="OutputDimension"/> floats).</summary>
    public void Project(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (x.Length != InputDimension) throw new ArgumentException($"vector has {x.Length} values, the projection expects {InputDimension}", nameof(x));
        if (destination.Length != OutputDimension) throw new ArgumentException($"destination must hold {OutputDimension} values", nameof(destination));
        for (var i = 0; i < OutputDimension; i++)
            destination[i] = TensorPrimitives.Dot(_matrix.AsSpan(i * InputDimension, InputDimension), x);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

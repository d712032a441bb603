using System.Numerics.Tensors;

namespace RadiologyNet.Clustering;

/// <summary>
/// Centroids packed for <see cref="AssignKernel"/>, like a BLAS GEMM packs its B panel: groups of four centroids
/// interleaved per SIMD block, [c0[0..W) c1[0..W) c2[0..W) c3[0..W) c0[W..2W) …], so the micro-kernel reads one
/// contiguous stream. k is padded to a multiple of 4 with zero centroids whose norm is +∞ (never chosen); the
/// vectorised prefix covers d − d mod W features, the rest stays in <see cref="Tail"/> (row-major, k × (d mod W)).
/// </summary>
internal sealed class PackedCentroids
{
    public PackedCentroids(ReadOnlySpan<float> centroids, int k, int d, int width)
    {
        K = k;
        D = d;
        Width = width;
        Groups = (k + 3) / 4;
        VectorD = d - d % width;
        TailD = d - VectorD;
        Panel = new float[Groups * 4 * VectorD];
        Tail = new float[Groups * 4 * TailD];
        Norms = new float[Groups * 4];
        Norms.AsSpan().Fill(float.PositiveInfinity);
        for (int j = 0; j < k; j++)
        {
            var c = centroids.Slice(j * d, d);
            Norms[j] = TensorPrimitives.SumOfSquares(c);
            int g = j / 4, lane = j % 4;
            for (int b = 0; b < VectorD; b += width)
                c.Slice(b, width).CopyTo(Panel.AsSpan(g * 4 * VectorD + b * 4 + lane * width, width));
            c[VectorD..].CopyTo(Tail.AsSpan(j * TailD, TailD));
        }
    }

    public int K { get; }
    public int D { get; }
    public int Width { get; }
    public int Groups { get; }
    public int VectorD { get; }
    public int TailD { get; }

    /// <summary>Groups × (4 · VectorD) interleaved values.</summary>
    public float[] Panel { get; }

    /// <summary>(Groups·4) × TailD, row-major (the features past the last full SIMD block).</summary>
    public float[] Tail { get; }

    /// <summary>‖c‖² per (padded) centroid; +∞ for padding.</summary>
    public float[] Norms { get; }
}

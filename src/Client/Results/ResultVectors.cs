namespace RadiologyNet.Client.Results;

/// <summary>Row-major float32 matrices: the fused vectors of annotated instances and the cluster centres (row = cluster id).</summary>
public sealed record ResultVectors(float[] Fused, int Rows, float[] Centres, int Clusters, int Dimension)
{
    /// <summary>An empty set of vectors.</summary>
    public static ResultVectors Empty { get; } = new([], 0, [], 0, 0);

    /// <summary>The fused vector in <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Fused.AsSpan(row * Dimension, Dimension);

    /// <summary>The centre of <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<float> Centre(int cluster) => Centres.AsSpan(cluster * Dimension, Dimension);
}

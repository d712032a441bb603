namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// A symmetric dissimilarity over <see cref="Count"/> objects with a zero diagonal: the storage seam of the
/// k-medoids solvers, as the ArrayAdapter of Schubert's Rust <c>kmedoids</c> crate. Implement it as a
/// <c>struct</c>: the solvers are generic over <c>T : struct, IDissimilarity</c>, so the JIT specialises them per
/// storage and inlines the indexer in the inner loops.
/// </summary>
public interface IDissimilarity
{
    /// <summary>Number of objects.</summary>
    int Count { get; }

    /// <summary>Dissimilarity of objects <paramref name="i"/> and <paramref name="j"/> (0 when i = j).</summary>
    double this[int i, int j] { get; }
}

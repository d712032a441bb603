namespace RadiologyNet.Clustering.KMedoids;

/// <summary>Initialisation methods for the k-medoids solvers.</summary>
public enum KMedoidsInit
{
    /// <summary>k distinct objects uniformly at random (<see cref="RandomMedoids"/>).</summary>
    Random,

    /// <summary>PAM's greedy BUILD (<see cref="PamBuild"/>), deterministic, O(k n²).</summary>
    Build,

    /// <summary>k-medoids++ D² sampling (<see cref="KMedoidsPlusPlus"/>).</summary>
    PlusPlus,
}

/// <summary>Dispatches a <see cref="KMedoidsInit"/> to its implementation.</summary>
public static class KMedoidsInitializer
{
    /// <summary>The k initial medoids by <paramref name="init"/>; <paramref name="seed"/> is ignored by BUILD.</summary>
    public static int[] Select<T>(in T diss, int k, KMedoidsInit init, long seed) where T : struct, IDissimilarity => init switch
    {
        KMedoidsInit.Random => RandomMedoids.Select(diss.Count, k, seed),
        KMedoidsInit.Build => PamBuild.Select(diss, k),
        KMedoidsInit.PlusPlus => KMedoidsPlusPlus.Select(diss, k, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown initialisation."),
    };
}

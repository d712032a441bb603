namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// Result of a k-medoids fit. <see cref="Medoids"/> holds the k object indices (0-based) in the solver's slot
/// order; <see cref="Labels"/>[i] is the slot (0..k−1) of object i's nearest medoid; <see cref="Cost"/> is the
/// total deviation Σᵢ d(i, nearest medoid) in double; <see cref="Iterations"/> counts solver passes and
/// <see cref="Swaps"/> the medoid changes performed.
/// </summary>
public sealed record KMedoidsResult(int[] Medoids, int[] Labels, double Cost, int Iterations, int Swaps);

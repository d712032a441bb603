namespace RadiologyNet.Client.Results;

/// <summary>One cluster: its auto-name, size, composition, representative image and distinctive report terms.</summary>
/// <param name="Id">Cluster id (stable across refinements).</param>
/// <param name="Name">Auto-name, e.g. <c>CT · HEAD · "hemorrhage, midline"</c>.</param>
/// <param name="Size">Annotated members.</param>
/// <param name="MedoidSop">SOPInstanceUID of the member nearest the centre (the medoid itself after a k-medoids refinement); empty for an empty cluster.</param>
/// <param name="Modalities">Members per modality.</param>
/// <param name="Regions">Members per normalised region.</param>
/// <param name="Manufacturers">Members per manufacturer.</param>
/// <param name="Terms">Most distinctive report terms (TF-IDF against the whole archive), best first.</param>
public sealed record ClusterResult(
    int Id, string Name, int Size, string MedoidSop,
    IReadOnlyDictionary<string, int> Modalities, IReadOnlyDictionary<string, int> Regions, IReadOnlyDictionary<string, int> Manufacturers,
    IReadOnlyList<string> Terms)
{
    /// <summary>Most frequent modality and its share of the members.</summary>
    public (string Label, double Share) DominantModality => Dominant(Modalities);

    /// <summary>Most frequent region and its share of the members.</summary>
    public (string Label, double Share) DominantRegion => Dominant(Regions);

    private (string, double) Dominant(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 || Size == 0
            ? ("", 0)
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, (double)c.Value / Size)).First();
}

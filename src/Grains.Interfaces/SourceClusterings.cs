namespace RadiologyNet.Grains;

/// <summary>
/// For evaluation: every featurised instance with its label tags, its label from the fused model, and the
/// labels of a k-means fitted on each source's slice alone (image, metadata, report). Built by the reader from the shards'
/// label pages (<see cref="PagedReads.ReadSourceClusteringsAsync"/>), never sent whole in one message.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.SourceClusterings")]
public sealed record SourceClusterings(
    [property: Id(0)] string[] SopInstanceUids,
    [property: Id(1)] string[] Modalities,
    [property: Id(2)] string[] Regions,
    [property: Id(3)] IReadOnlyDictionary<string, int[]> LabelsBySource);

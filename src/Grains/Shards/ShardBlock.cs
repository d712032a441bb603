namespace RadiologyNet.Grains.Shards;

/// <summary>
/// A run of consecutive rows of one embedding shard, in columns: the fused vectors row-major (<see cref="Rows"/> ×
/// <see cref="Dimension"/>) and, per row, its identity, label tags and provenance. Passes (reassignment, Lloyd sums, costs,
/// nearest-neighbour search) stream a shard block by block, so only one block of vectors needs to be resident at a time.
/// </summary>
public sealed class ShardBlock
{
    /// <summary>Index of this block's first row within the shard.</summary>
    public required long FirstRow { get; init; }

    /// <summary>Rows in the block.</summary>
    public required int Rows { get; init; }

    /// <summary>Values per vector.</summary>
    public required int Dimension { get; init; }

    /// <summary>The vectors, row-major; at least <see cref="Rows"/> × <see cref="Dimension"/> values.</summary>
    public required ReadOnlyMemory<float> Vectors { get; init; }

    /// <summary>SOPInstanceUID per row.</summary>
    public required string[] SopInstanceUids { get; init; }

    /// <summary>StudyInstanceUID per row.</summary>
    public required string[] StudyInstanceUids { get; init; }

    /// <summary>Modality label tag per row.</summary>
    public required string[] Modalities { get; init; }

    /// <summary>Normalised region label tag per row.</summary>
    public required string[] Regions { get; init; }

    /// <summary>Equipment manufacturer per row.</summary>
    public required string[] Manufacturers { get; init; }

    /// <summary>Whether a report contributed to the row's vector.</summary>
    public required bool[] HasReport { get; init; }

    /// <summary>Row <paramref name="row"/>'s vector.</summary>
    public ReadOnlySpan<float> Vector(int row) => Vectors.Span.Slice(row * Dimension, Dimension);

    /// <summary>Row <paramref name="row"/> as the record it was added as.</summary>
    public FeaturisedInstance Instance(int row) => new(SopInstanceUids[row], StudyInstanceUids[row], Vector(row).ToArray(), Modalities[row],
        Regions[row], Manufacturers[row], HasReport[row]);

    /// <summary>A block of the given instances (all of one length), starting at shard row <paramref name="firstRow"/>.</summary>
    public static ShardBlock Of(IReadOnlyList<FeaturisedInstance> instances, long firstRow)
    {
        var d = instances.Count == 0 ? 0 : instances[0].Fused.Length;
        var vectors = new float[instances.Count * d];
        for (var i = 0; i < instances.Count; i++) instances[i].Fused.CopyTo(vectors, i * d);
        return new ShardBlock
        {
            FirstRow = firstRow,
            Rows = instances.Count,
            Dimension = d,
            Vectors = vectors,
            SopInstanceUids = instances.Select(i => i.SopInstanceUid).ToArray(),
            StudyInstanceUids = instances.Select(i => i.StudyInstanceUid).ToArray(),
            Modalities = instances.Select(i => i.Modality).ToArray(),
            Regions = instances.Select(i => i.Region).ToArray(),
            Manufacturers = instances.Select(i => i.Manufacturer).ToArray(),
            HasReport = instances.Select(i => i.HasReport).ToArray(),
        };
    }
}

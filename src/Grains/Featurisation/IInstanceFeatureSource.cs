using RadiologyNet.Features;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>
/// Where a study grain gets an instance's features: the real <see cref="InstanceFeaturizer"/> (file read, ONNX models,
/// fusion), or, on a silo started with the load-test switch, <see cref="LoadTest.SyntheticFeatureSource"/>.
/// </summary>
public interface IInstanceFeatureSource
{
    /// <summary>Lengths of the image, metadata and report slices of a fused vector.</summary>
    FusedLayout Layout { get; }

    /// <summary>True when the model's vectors are random projections of the fused ones (the source slices are mixed).</summary>
    bool Projected { get; }

    /// <summary>The study's report embedding, or null when the study has none (or the source needs no study-wide lookup).</summary>
    Task<float[]?> EmbedReportAsync(string studyInstanceUid);

    /// <summary>
    /// Featurises one instance. Throws <see cref="QuarantineException"/> with a PHI-free reason when the
    /// instance cannot be annotated; otherwise only <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<FeaturisedInstance> FeaturiseAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default);
}

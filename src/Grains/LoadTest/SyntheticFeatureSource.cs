using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RadiologyNet.Features;
using RadiologyNet.Grains.Featurisation;

namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// The load-test feature source: replaces only the file read and the ONNX image and report models. An instance's fused
/// vector is regenerated from its ingest event's <see cref="SyntheticSource"/> (<see cref="SyntheticMixture"/>), in the real
/// layout (ResNet18's 512 image values, the metadata vectoriser's own length, all-MiniLM-L6-v2's 384 report values), with
/// the component's synthetic Modality and region. Any other event is quarantined, so no real instance gets a synthetic vector.
/// </summary>
public sealed class SyntheticFeatureSource(MetadataVectorizer metadata, IOptions<LoadTestOptions> options) : IInstanceFeatureSource
{
    /// <summary>Length of the real image embedding (ResNet18).</summary>
    public const int ImageDimension = 512;

    /// <summary>Length of the real report embedding (all-MiniLM-L6-v2).</summary>
    public const int ReportDimension = 384;

    private readonly ConcurrentDictionary<long, SyntheticMixture> _mixtures = new();

    /// <inheritdoc />
    public FusedLayout Layout { get; } = new(ImageDimension, metadata.Dimension, ReportDimension);

    /// <inheritdoc />
    public bool Projected => false;

    /// <summary>The mixture of a seed, as this silo generates it.</summary>
    public SyntheticMixture Mixture(long seed) => _mixtures.GetOrAdd(seed, s => new SyntheticMixture(s, Layout, options.Value.Noise));

    /// <summary>Null: a synthetic report slice is drawn per study from the instance's own event.</summary>
    public Task<float[]?> EmbedReportAsync(string studyInstanceUid) => Task.FromResult<float[]?>(null);

    /// <inheritdoc />
    public Task<FeaturisedInstance> FeaturiseAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        if (!SyntheticSource.TryParse(instance.Source, out var source))
            throw new QuarantineException("not a synthetic instance (this silo runs the load-test feature source)", Telemetry.QuarantineCategory.SourceUnreadable);
        var fused = Mixture(source.Seed).Vector(source.Component, source.Study, source.Index, source.HasReport);
        return Task.FromResult(new FeaturisedInstance(instance.SopInstanceUid, instance.StudyInstanceUid, fused,
            SyntheticMixture.Modality(source.Component), SyntheticMixture.Region(source.Component), "SYNTHETIC", source.HasReport));
    }
}

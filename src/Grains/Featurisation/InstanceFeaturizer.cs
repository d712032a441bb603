using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Dicom;
using RadiologyNet.Features;
using RadiologyNet.Features.Images;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>
/// The per-silo featurisation service: reads an instance's bytes, decodes it, and embeds pixels, metadata
/// and the study report into one fused vector. Owns no ONNX session itself (the embedders are singletons);
/// bounds how many featurisations run at once so the silo's scheduler stays responsive.
/// </summary>
public sealed class InstanceFeaturizer : IDisposable
{
    private readonly IArchiveSource _source;
    private readonly ImageEmbedder _image;
    private readonly ReportEmbedder _report;
    private readonly MetadataVectorizer _metadata;
    private readonly ReportLibrary _reports;
    private readonly FusionWeights _weights;
    private readonly ImageDropRuleOptions _dropRules;
    private readonly SemaphoreSlim _slots;
    private readonly ILogger<InstanceFeaturizer> _logger;

    public InstanceFeaturizer(IArchiveSource source, ImageEmbedder image, ReportEmbedder report, MetadataVectorizer metadata,
        ReportLibrary reports, IOptions<AnnotationOptions> options, IOptions<ImageDropRuleOptions> dropRules, ILogger<InstanceFeaturizer> logger)
    {
        _source = source;
        _image = image;
        _report = report;
        _metadata = metadata;
        _reports = reports;
        _logger = logger;
        _weights = options.Value.Weights;
        _dropRules = dropRules.Value;
        var slots = options.Value.MaxConcurrentFeaturisations > 0 ? options.Value.MaxConcurrentFeaturisations : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
        Layout = new FusedLayout(image.Dimension, metadata.Dimension, report.Dimension);
    }

    /// <summary>Lengths of the image, metadata and report slices of a fused vector.</summary>
    public FusedLayout Layout { get; }

    /// <summary>The study's report embedding, or null when the study has no report.</summary>
    public async Task<float[]?> EmbedReportAsync(string studyInstanceUid)
    {
        var text = _reports.Find(studyInstanceUid) ?? await _source.ReadReportAsync(studyInstanceUid);
        if (string.IsNullOrWhiteSpace(text)) return null;
        await _slots.WaitAsync();
        try
        {
            return await Task.Run(() => _report.Embed(text));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Featurises one instance. Throws <see cref="QuarantineException"/> with a PHI-free reason when the
    /// instance cannot be annotated; never anything else.
    /// </summary>
    public async Task<FeaturisedInstance> FeaturiseAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default)
    {
        var features = await ExtractAsync(instance, reportVector, cancellationToken);
        return new FeaturisedInstance(instance.SopInstanceUid, instance.StudyInstanceUid, features.Fused, features.Modality, features.Region);
    }

    /// <summary>
    /// Featurises one instance and keeps every source's own vector (raw image embedding, metadata vector, report
    /// embedding or null) besides the fused one. Throws <see cref="QuarantineException"/> as <see cref="FeaturiseAsync"/>.
    /// </summary>
    public async Task<InstanceFeatures> ExtractAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = await _source.ReadAsync(instance.Source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QuarantineException($"source unreadable: {e.GetType().Name}", e);
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Featurise(instance, bytes, reportVector), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private InstanceFeatures Featurise(InstanceArrived instance, byte[] bytes, float[]? reportVector)
    {
        try
        {
            var file = DicomReader.Read(bytes);
            var dataset = file.Dataset;
            var sop = dataset.GetString(DicomTags.SOPInstanceUID);
            if (sop != instance.SopInstanceUid)
                throw new QuarantineException("SOPInstanceUID in the file differs from the ingest event");
            if (!dataset.Contains(DicomTags.PixelData))
                throw new QuarantineException("no pixel data (not an image instance)");
            var (image, stored) = PixelPipeline.RenderWithStoredValues(dataset, file.TransferSyntaxUid);
            if (ImageDropRules.Check(stored, image, _dropRules) is { } rule)
                throw new QuarantineException($"not featurisable: {rule}");
            var imageVector = _image.Embed(image);
            var metadataVector = _metadata.Vectorize(dataset);
            var fused = FeatureFusion.Fuse(imageVector, metadataVector, reportVector ?? new float[_report.Dimension], _weights);
            return new InstanceFeatures(imageVector, metadataVector, reportVector, fused, LabelTags.Modality(dataset), LabelTags.Region(dataset));
        }
        catch (QuarantineException)
        {
            throw;
        }
        catch (DicomFormatException e)
        {
            throw new QuarantineException(e.Message, e);
        }
        catch (Exception e)
        {
            _logger.LogError("Featurisation failed unexpectedly: {ExceptionType} at {StackTrace}", e.GetType().Name, e.StackTrace);
            throw new QuarantineException($"internal error while featurising: {e.GetType().Name}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}

using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RadiologyNet.Dicom;
using RadiologyNet.Features;
using RadiologyNet.Features.Images;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>
/// The per-silo featurisation service: reads an instance's bytes, decodes it, and embeds pixels, metadata and
/// the study report into one fused vector. Reading, decoding, preprocessing and metadata run on
/// <see cref="FeaturisationOptions.DecodeWorkers"/> workers concurrently with the image model on
/// <see cref="FeaturisationOptions.InferenceWorkers"/> workers (a <see cref="StagedPipeline{TIn,TMid,TOut}"/>);
/// the queues between them are bounded, so callers wait when the silo is saturated (back-pressure) and nothing
/// is dropped. The ONNX sessions belong to the embedder singletons. Report embeddings run beside the pipeline,
/// at most <see cref="AnnotationOptions.MaxConcurrentFeaturisations"/> at once.
/// </summary>
public sealed class InstanceFeaturizer : IInstanceFeatureSource, IDisposable, IAsyncDisposable
{
    private readonly IArchiveSource _source;
    private readonly ImageEmbedder _image;
    private readonly ReportEmbedder _report;
    private readonly MetadataVectorizer _metadata;
    private readonly ReportLibrary _reports;
    private readonly FusionWeights _weights;
    private readonly ImageDropRuleOptions _dropRules;
    private readonly SemaphoreSlim _reportSlots;
    private readonly StagedPipeline<Request, Prepared, InstanceFeatures> _pipeline;
    private readonly ILogger<InstanceFeaturizer> _logger;
    private readonly RandomProjection? _projection;
    private readonly RadnetMetrics _metrics;
    private readonly DicomReaderOptions _readerOptions;

    /// <summary>Creates the service and starts its pipeline workers.</summary>
    public InstanceFeaturizer(IArchiveSource source, ImageEmbedder image, ReportEmbedder report, MetadataVectorizer metadata,
        ReportLibrary reports, IOptions<AnnotationOptions> options, IOptions<ImageDropRuleOptions> dropRules,
        IOptions<FeaturisationOptions> featurisation, RadnetMetrics metrics, ILogger<InstanceFeaturizer> logger)
    {
        _metrics = metrics;
        _source = source;
        _image = image;
        _report = report;
        _metadata = metadata;
        _reports = reports;
        _logger = logger;
        _weights = options.Value.Weights;
        _dropRules = dropRules.Value;
        var slots = options.Value.MaxConcurrentFeaturisations > 0 ? options.Value.MaxConcurrentFeaturisations : Environment.ProcessorCount;
        _reportSlots = new SemaphoreSlim(slots, slots);
        var shape = featurisation.Value;
        shape.Validate();
        _readerOptions = shape.ReaderOptions;
        DecodeWorkers = shape.DecodeWorkers > 0 ? shape.DecodeWorkers : Environment.ProcessorCount;
        InferenceWorkers = shape.InferenceWorkers > 0 ? shape.InferenceWorkers : image.Sessions;
        _pipeline = new StagedPipeline<Request, Prepared, InstanceFeatures>(PrepareAsync, Infer, p => ArrayPool<float>.Shared.Return(p.Tensor),
            DecodeWorkers, InferenceWorkers, shape.QueueCapacity);
        Layout = new FusedLayout(image.Dimension, metadata.Dimension, report.Dimension);
        if (options.Value.ProjectDimension > 0) _projection = new RandomProjection(Layout.Dimension, options.Value.ProjectDimension, options.Value.ProjectSeed);
        metrics.ObserveQueues(() => (_pipeline.PrepareQueueLength, _pipeline.InferQueueLength));
    }

    /// <summary>True when the model's vectors are random projections of the fused ones (the source slices are mixed).</summary>
    public bool Projected => _projection is not null;

    /// <summary>Lengths of the image, metadata and report slices of a fused vector.</summary>
    public FusedLayout Layout { get; }

    /// <summary>Workers reading, decoding and preprocessing.</summary>
    public int DecodeWorkers { get; }

    /// <summary>Workers running the image model.</summary>
    public int InferenceWorkers { get; }

    /// <summary>The study's report embedding, or null when the study has no report.</summary>
    public async Task<float[]?> EmbedReportAsync(string studyInstanceUid)
    {
        using var stage = StageTimer.Start(_metrics, FeaturisationStage.Report);
        var text = _reports.Find(studyInstanceUid) ?? await _source.ReadReportAsync(studyInstanceUid);
        if (string.IsNullOrWhiteSpace(text)) return null;
        await _reportSlots.WaitAsync();
        try
        {
            return await Task.Run(() => _report.Embed(text));
        }
        finally
        {
            _reportSlots.Release();
        }
    }

    /// <summary>
    /// Featurises one instance. Throws <see cref="QuarantineException"/> with a PHI-free reason when the
    /// instance cannot be annotated; otherwise only <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<FeaturisedInstance> FeaturiseAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default)
    {
        var features = await ExtractAsync(instance, reportVector, cancellationToken);
        var vector = _projection?.Project(features.Fused) ?? features.Fused;
        return new FeaturisedInstance(instance.SopInstanceUid, instance.StudyInstanceUid, vector, features.Modality, features.Region,
            features.Manufacturer, features.Report is not null);
    }

    /// <summary>
    /// Featurises one instance and keeps every source's own vector (raw image embedding, metadata vector, report
    /// embedding or null) besides the fused one. Waits while the pipeline is full. Throws as <see cref="FeaturiseAsync"/>.
    /// </summary>
    public Task<InstanceFeatures> ExtractAsync(InstanceArrived instance, float[]? reportVector, CancellationToken cancellationToken = default) =>
        _pipeline.RunAsync(new Request(instance, reportVector, Activity.Current?.Context ?? default), cancellationToken);

    private async ValueTask<Prepared> PrepareAsync(Request request, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            using var stage = StageTimer.Start(_metrics, FeaturisationStage.Read, request.Parent);
            bytes = await _source.ReadAsync(request.Instance.Source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QuarantineException($"source unreadable: {e.GetType().Name}", QuarantineCategory.SourceUnreadable, e);
        }
        catch (OutOfMemoryException e)
        {
            throw OutOfMemory(e);
        }
        return Guard(() => Decode(request, bytes));
    }

    private Prepared Decode(Request request, byte[] bytes)
    {
        var decode = StageTimer.Start(_metrics, FeaturisationStage.Decode, request.Parent);
        DicomFile file;
        FloatImage image;
        try
        {
            file = DicomReader.Read(bytes, _readerOptions);
            var sop = file.Dataset.GetString(DicomTags.SOPInstanceUID);
            if (sop != request.Instance.SopInstanceUid)
                throw new QuarantineException("SOPInstanceUID in the file differs from the ingest event", QuarantineCategory.UidMismatch);
            if (!file.Dataset.Contains(DicomTags.PixelData))
                throw new QuarantineException("no pixel data (not an image instance)", QuarantineCategory.NoPixelData);
            (image, var storedMin, var storedMax) = PixelPipeline.RenderWithStoredRange(file.Dataset, file.TransferSyntaxUid, options: _readerOptions);
            if (ImageDropRules.Check(storedMin, storedMax, image, _dropRules) is { } rule)
                throw new QuarantineException($"not featurisable: {rule}", QuarantineCategory.ImageRejected);
        }
        finally
        {
            decode.Dispose();
        }
        var dataset = file.Dataset;
        var tensor = ArrayPool<float>.Shared.Rent(_image.InputLength);
        try
        {
            using (StageTimer.Start(_metrics, FeaturisationStage.Preprocess, request.Parent))
                _image.BuildInput(image, tensor.AsSpan(0, _image.InputLength));
            float[] metadataVector;
            string modality, region, manufacturer;
            using (StageTimer.Start(_metrics, FeaturisationStage.Metadata, request.Parent))
            {
                metadataVector = _metadata.Vectorize(dataset);
                (modality, region) = (LabelTags.Modality(dataset), LabelTags.Region(dataset));
                manufacturer = dataset.GetString(DicomTags.Manufacturer)?.Trim() ?? "";
            }
            var report = request.Report ?? ReportByAccession(dataset, request.Parent);
            return new Prepared(tensor, metadataVector, report, modality, region, manufacturer, request.Parent);
        }
        catch
        {
            ArrayPool<float>.Shared.Return(tensor);
            throw;
        }
    }

    /// <summary>A study without a report under its UID may have one under its accession number (RIS exports).</summary>
    private float[]? ReportByAccession(DicomDataset dataset, ActivityContext parent)
    {
        if (_reports.FindByAccession(dataset.GetString(DicomTags.AccessionNumber)) is not { } text || string.IsNullOrWhiteSpace(text)) return null;
        using var stage = StageTimer.Start(_metrics, FeaturisationStage.Report, parent);
        return _report.Embed(text);
    }

    private InstanceFeatures Infer(Prepared prepared) => Guard(() =>
    {
        float[] imageVector, fused;
        using (StageTimer.Start(_metrics, FeaturisationStage.Infer, prepared.Parent))
            imageVector = _image.Infer(prepared.Tensor.AsMemory(0, _image.InputLength));
        using (StageTimer.Start(_metrics, FeaturisationStage.Fuse, prepared.Parent))
            fused = FeatureFusion.Fuse(imageVector, prepared.Metadata, prepared.Report ?? new float[_report.Dimension], _weights);
        return new InstanceFeatures(imageVector, prepared.Metadata, prepared.Report, fused, prepared.Modality, prepared.Region, prepared.Manufacturer);
    });

    /// <summary>Every failure of a stage becomes a <see cref="QuarantineException"/> with a PHI-free reason.</summary>
    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (QuarantineException)
        {
            throw;
        }
        catch (DicomFormatException e)
        {
            throw new QuarantineException(e.Message, QuarantineCategory.MalformedDicom, e);
        }
        catch (OutOfMemoryException e)
        {
            throw OutOfMemory(e);
        }
        catch (Exception e)
        {
            _logger.LogError("Featurisation failed unexpectedly: {ExceptionType} at {StackTrace}", e.GetType().Name, e.StackTrace);
            throw new QuarantineException($"internal error while featurising: {e.GetType().Name}", QuarantineCategory.InternalError, e);
        }
    }

    /// <summary>
    /// Running out of memory on one instance quarantines it (the file's buffers are collected first); it never ends the
    /// run. The decode budget and the inflation limits keep hostile files from getting this far; this is the backstop.
    /// </summary>
    private static QuarantineException OutOfMemory(OutOfMemoryException e)
    {
        DecodeMemory.Reclaim();
        return new QuarantineException(DecodeMemory.Reason, QuarantineCategory.MalformedDicom, e);
    }

    /// <summary>Stops accepting instances, lets the queued ones finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _reportSlots.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Request(InstanceArrived Instance, float[]? Report, ActivityContext Parent);

    private sealed record Prepared(float[] Tensor, float[] Metadata, float[]? Report, string Modality, string Region, string Manufacturer, ActivityContext Parent);
}

using RadiologyNet.Dicom;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>
/// Shape of the per-silo featurisation pipeline (section <c>Featurisation</c>): how many workers read, decode and
/// preprocess, how many run the image model, and how long the queues between them are. The ONNX sessions themselves
/// are set under <c>ImageModel</c>: <c>Sessions</c> (pooled sessions) and <c>IntraOpThreads</c> (threads per session).
/// </summary>
public sealed class FeaturisationOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Featurisation";

    /// <summary>Workers that read bytes, decode, run the pixel pipeline, preprocess and vectorise metadata; 0 = one per core.</summary>
    public int DecodeWorkers { get; set; }

    /// <summary>Workers that run the image model (each borrows a pooled session); 0 = <c>ImageModel:Sessions</c>.</summary>
    public int InferenceWorkers { get; set; }

    /// <summary>Bound of each queue (instances waiting to be decoded; decoded tensors waiting for the model). Callers beyond it wait.</summary>
    public int QueueCapacity { get; set; } = 4;

    /// <summary>
    /// The decode budget: an image whose frame declares more than this many million samples (rows × columns × samples
    /// per pixel) is quarantined, before anything is decoded, with a reason that names the budget. Default 40 (see
    /// <see cref="DicomReaderOptions.MaxDecodedMegapixels"/>); it also sizes the largest inflated deflated dataset.
    /// </summary>
    public double MaxDecodedMegapixels { get; set; } = DicomReaderOptions.Default.MaxDecodedMegapixels;

    /// <summary>
    /// Largest inflated-to-deflated size ratio of a Deflated Explicit VR Little Endian file past 16 MiB; a file beyond
    /// it (a deflate bomb) is quarantined. Default 100 (see <see cref="DicomReaderOptions.MaxInflationRatio"/>).
    /// </summary>
    public double MaxInflationRatio { get; set; } = DicomReaderOptions.Default.MaxInflationRatio;

    /// <summary>The reader limits these options set.</summary>
    public DicomReaderOptions ReaderOptions => DicomReaderOptions.Default with
    {
        MaxDecodedMegapixels = MaxDecodedMegapixels,
        MaxInflationRatio = MaxInflationRatio,
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!(MaxDecodedMegapixels is > 0 and <= 4000)) throw new ArgumentException($"Featurisation:MaxDecodedMegapixels must be in (0, 4000], not {MaxDecodedMegapixels}");
        if (!(MaxInflationRatio >= 1)) throw new ArgumentException($"Featurisation:MaxInflationRatio must be at least 1, not {MaxInflationRatio}");
        if (DecodeWorkers is < 0 or > 256) throw new ArgumentException($"Featurisation:DecodeWorkers must be 0..256, not {DecodeWorkers}");
        if (InferenceWorkers is < 0 or > 256) throw new ArgumentException($"Featurisation:InferenceWorkers must be 0..256, not {InferenceWorkers}");
        if (QueueCapacity is < 1 or > 4096) throw new ArgumentException($"Featurisation:QueueCapacity must be 1..4096, not {QueueCapacity}");
    }
}

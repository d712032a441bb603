using System.Numerics.Tensors;

namespace RadiologyNet.Features;

/// <summary>What fusion does with a source that is absent (an all-zero input, e.g. a study without a report).</summary>
public enum MissingSourcePolicy
{
    /// <summary>
    /// The absent block stays zero and the present blocks are scaled up so the fused vector keeps the norm of a
    /// complete one (sqrt of the sum of squared weights). Incomplete vectors then do not collapse towards the
    /// origin, where k-means would group them by what is missing rather than by what they show.
    /// </summary>
    Reweight = 0,

    /// <summary>The absent block stays zero and nothing else changes (the vector is shorter than a complete one).</summary>
    Zero = 1,
}

/// <summary>Weights of the three sources in the fused vector (applied after each source is L2-normalised), and the missing-source policy.</summary>
public sealed record FusionWeights(float Image = 1, float Metadata = 1, float Report = 1, MissingSourcePolicy Missing = MissingSourcePolicy.Reweight)
{
    /// <summary>Equal weights.</summary>
    public static FusionWeights Equal { get; } = new();
}

/// <summary>Layout of a fused vector: [image | metadata | report], with each block's offset.</summary>
public sealed record FusedLayout(int ImageDim, int MetadataDim, int ReportDim)
{
    public int ImageOffset => 0;
    public int MetadataOffset => ImageDim;
    public int ReportOffset => ImageDim + MetadataDim;
    public int Dimension => ImageDim + MetadataDim + ReportDim;

    public ReadOnlySpan<float> Image(ReadOnlySpan<float> fused) => Check(fused).Slice(ImageOffset, ImageDim);
    public ReadOnlySpan<float> Metadata(ReadOnlySpan<float> fused) => Check(fused).Slice(MetadataOffset, MetadataDim);
    public ReadOnlySpan<float> Report(ReadOnlySpan<float> fused) => Check(fused).Slice(ReportOffset, ReportDim);

    private ReadOnlySpan<float> Check(ReadOnlySpan<float> fused) =>
        fused.Length == Dimension ? fused : throw new ArgumentException($"fused vector has {fused.Length} values, layout needs {Dimension}");
}

/// <summary>
/// Early fusion: each source L2-normalised, multiplied by its weight, concatenated [image | metadata | report].
/// A missing source (e.g. no report) is passed as an all-zero span; its block stays exactly zero, and under
/// <see cref="MissingSourcePolicy.Reweight"/> (the default) the present blocks are scaled so the fused norm
/// equals that of a complete vector.
/// </summary>
public static class FeatureFusion
{
    /// <summary>Fuses the three sources into a new vector of length image + metadata + report.</summary>
    public static float[] Fuse(ReadOnlySpan<float> image, ReadOnlySpan<float> metadata, ReadOnlySpan<float> report, FusionWeights weights)
    {
        var result = new float[image.Length + metadata.Length + report.Length];
        Fuse(image, metadata, report, weights, result);
        return result;
    }

    /// <summary>Fuses into <paramref name="destination"/> (length image + metadata + report).</summary>
    public static void Fuse(ReadOnlySpan<float> image, ReadOnlySpan<float> metadata, ReadOnlySpan<float> report, FusionWeights weights, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (destination.Length != image.Length + metadata.Length + report.Length)
            throw new ArgumentException("destination length must be the sum of the source lengths");
        var scale = weights.Missing == MissingSourcePolicy.Reweight ? ReweightFactor(image, metadata, report, weights) : 1.0;
        Place(image, weights.Image * scale, destination[..image.Length]);
        Place(metadata, weights.Metadata * scale, destination.Slice(image.Length, metadata.Length));
        Place(report, weights.Report * scale, destination.Slice(image.Length + metadata.Length, report.Length));
    }

    /// <summary>Scales <paramref name="v"/> to unit Euclidean length in place; a zero (or non-finite-norm) vector is left as is.</summary>
    public static void L2Normalize(Span<float> v)
    {
        var norm = Norm(v);
        if (norm > 0 && double.IsFinite(norm)) TensorPrimitives.Multiply(v, (float)(1.0 / norm), v);
    }

    /// <summary>Euclidean norm, accumulated in double.</summary>
    public static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>Cosine similarity (0 when either vector is zero).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("vectors differ in length");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    /// <summary>sqrt(Σ w² over all sources / Σ w² over present sources); 1 when all are present or none is.</summary>
    private static double ReweightFactor(ReadOnlySpan<float> image, ReadOnlySpan<float> metadata, ReadOnlySpan<float> report, FusionWeights weights)
    {
        double image2 = (double)weights.Image * weights.Image;
        double metadata2 = (double)weights.Metadata * weights.Metadata;
        double report2 = (double)weights.Report * weights.Report;
        var present = (IsPresent(image) ? image2 : 0) + (IsPresent(metadata) ? metadata2 : 0) + (IsPresent(report) ? report2 : 0);
        return present > 0 ? Math.Sqrt((image2 + metadata2 + report2) / present) : 1.0;
    }

    private static bool IsPresent(ReadOnlySpan<float> source)
    {
        var norm = Norm(source);
        return norm > 0 && double.IsFinite(norm);
    }

    private static void Place(ReadOnlySpan<float> source, double weight, Span<float> destination)
    {
        var norm = Norm(source);
        if (norm > 0 && double.IsFinite(norm)) TensorPrimitives.Multiply(source, (float)(weight / norm), destination);
        else destination.Clear();
    }
}
